"""Try again the mail about comments that could not be sent."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from comments.models import Notification
from comments.tasks import send_after_commit


class Command(BaseCommand):
    help = (
        "Queue again every unsent mail about comments tried fewer than COMMENTS_MAIL_ATTEMPTS "
        "times. The task worker retries by itself; run this from cron where mail is sent "
        "without one, or after a long mail outage."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            waiting = list(
                Notification.objects.filter(
                    sent_at__isnull=True, attempts__lt=settings.COMMENTS_MAIL_ATTEMPTS
                ).order_by("created_at", "pk")
            )
            send_after_commit(waiting)
        self.stdout.write(f"Queued {len(waiting)} unsent mail(s) again.")
