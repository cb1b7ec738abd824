"""`manage.py make_renditions`: renditions for lead and library images that have none.

Images get their renditions when they are saved; this makes them for images saved before
renditions existed (`make setup` runs it). `--all` remakes every image's renditions, after
NEWSROOM_RENDITION_WIDTHS changed.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from articles.signals import articles_changed
from images.models import LibraryImage


class Command(BaseCommand):
    help = "Make the renditions of lead and library images that have none."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Remake every image's renditions.")

    def handle(self, *args, **options):
        articles = Article.objects.exclude(lead_image="")
        library = LibraryImage.objects.all()
        if not options["all"]:
            articles = articles.filter(lead_image_renditions=[])
            library = library.filter(renditions=[])
        made = 0
        for article in articles.only("pk", "lead_image", "lead_image_renditions").iterator():
            with transaction.atomic():
                article.refresh_lead_image_renditions()
                # Derived files only: no new version, no editorial record.
                Article.objects.filter(pk=article.pk).update(
                    lead_image_renditions=article.lead_image_renditions
                )
            articles_changed.send(sender=Article, ids=[article.pk])
            made += 1
        for image in library.iterator():
            with transaction.atomic():
                image.refresh_renditions()
                LibraryImage.objects.filter(pk=image.pk).update(renditions=image.renditions)
            made += 1
        self.stdout.write(f"Made the renditions of {made} image(s).")
