"""`manage.py make_renditions`: renditions for library images that have none.

Images get their renditions when they are saved; this makes them for images saved before
renditions existed (`make setup` runs it). `--all` remakes every image's renditions, after
NEWSROOM_RENDITION_WIDTHS changed.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from images.models import LibraryImage
from images.signals import images_changed


class Command(BaseCommand):
    help = "Make the renditions of library images that have none."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Remake every image's renditions.")

    def handle(self, *args, **options):
        library = LibraryImage.objects.all()
        if not options["all"]:
            library = library.filter(renditions=[])
        made = 0
        for image in library.iterator():
            with transaction.atomic():
                image.refresh_renditions()
                # Derived files only: the image's description and record stay as they are.
                LibraryImage.objects.filter(pk=image.pk).update(renditions=image.renditions)
                images_changed.send(sender=LibraryImage, ids=[image.pk])
            made += 1
        self.stdout.write(f"Made the renditions of {made} image(s).")
