"""Clear commenters' emails and user agents once the retention period after the decision ends."""

from django.conf import settings
from django.core.management.base import BaseCommand

from comments.privacy import purge_expired_personal_data


class Command(BaseCommand):
    help = (
        "Clear the email and user agent of comments decided more than COMMENTS_RETENTION_DAYS "
        "ago; the decision record is kept. Run daily."
    )

    def handle(self, *args, **options):
        cleared = purge_expired_personal_data()
        self.stdout.write(
            f"Cleared personal data from {cleared} comment(s) decided more than "
            f"{settings.COMMENTS_RETENTION_DAYS} days ago."
        )
