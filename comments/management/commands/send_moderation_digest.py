"""Mail moderators a digest of the comments waiting and reported, at most every so often."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from comments.notifications import queue_digest
from comments.tasks import send_after_commit


class Command(BaseCommand):
    help = (
        "Mail each moderator a digest of waiting and reported comments, oldest first, with "
        "links to the queue. Meant for cron: sends nothing if a digest went out in the last "
        "COMMENTS_DIGEST_MINUTES, or if nothing waits."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            notifications = queue_digest()
            send_after_commit(notifications)
        if notifications:
            self.stdout.write(f"Digest queued for {len(notifications)} moderator(s).")
        else:
            self.stdout.write(
                "No digest: nothing waits, no moderator has an email, or one went out in the "
                f"last {settings.COMMENTS_DIGEST_MINUTES} minutes."
            )
