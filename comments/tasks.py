"""Tasks run outside the request: sending the mail that `notifications.py` writes down,
after the commit that keeps it."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from comments.models import MailOptOut, Notification
from comments.notifications import deliver
from comments.privacy import email_hash

logger = logging.getLogger("comments.mail")


def send_after_commit(notifications):
    """Hand each mail written down to the task that sends it, once the transaction commits."""
    for notification in notifications:
        transaction.on_commit(
            lambda pk=notification.pk: send_notification.enqueue(notification_id=pk)
        )


@task()
def send_notification(notification_id):
    """Send one notification once; on failure, try again later, further apart each time.

    A mail already sent, or to an address that has since opted out, is not sent again.
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.sent_at is not None:
            return
        if (
            notification.kind != Notification.Kind.DIGEST
            and MailOptOut.objects.filter(email_hash=email_hash(notification.recipient)).exists()
        ):
            return
        attempt = notification.attempts + 1
        try:
            deliver(notification)
        except Exception as failure:  # any failure of the mail server: keep it and retry
            Notification.objects.filter(pk=notification.pk).update(
                attempts=attempt, last_error=str(failure)[:300]
            )
            logger.warning("Mail %s failed (attempt %s): %s", notification.pk, attempt, failure)
            retry_later(notification.pk, attempt)
            return
        Notification.objects.filter(pk=notification.pk).update(
            attempts=attempt, sent_at=timezone.now(), last_error=""
        )


def retry_later(notification_id, attempt):
    """Queue another try, 2, 4, 8… minutes on, up to COMMENTS_MAIL_ATTEMPTS in all.

    The immediate backend (development, tests) cannot wait: the mail stays in the outbox,
    unsent, for the next `manage.py send_waiting_mail` to pick up.
    """
    if attempt >= settings.COMMENTS_MAIL_ATTEMPTS or not default_task_backend.supports_defer:
        return
    run_after = timezone.now() + timedelta(minutes=2**attempt)
    transaction.on_commit(
        lambda: send_notification.using(run_after=run_after).enqueue(
            notification_id=notification_id
        )
    )
