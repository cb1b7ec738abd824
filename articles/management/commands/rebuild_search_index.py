"""`manage.py rebuild_search_index`: index every article afresh."""

from django.core.management.base import BaseCommand

from articles import search
from articles.models import Article


class Command(BaseCommand):
    help = "Rebuild the full-text search index of all articles."

    def handle(self, *args, **options):
        count = search.rebuild(Article)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles."))
