"""The mail about comments: each one kept until it is sent, and the addresses that want none.

A notification is written in the transaction of the decision that causes it and sent by a
task after the commit (`comments/notifications.py`), so a failed send loses nothing.
"""

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from newsroom.records import PermanentRecord, PermanentRecordQuerySet


class MailOptOut(models.Model):
    """An address that asked for no more mail about comments, kept as its keyed hash."""

    email_hash = models.CharField(max_length=64, unique=True, editable=False)
    opted_out_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "mail opt-out"

    def __str__(self):
        return f"Opted out on {date_format(timezone.localtime(self.opted_out_at), 'DATE_FORMAT')}"


class Notification(PermanentRecord):
    """One mail to send about comments: kept until sent, so a failed send loses nothing.

    Written in the transaction of the decision that causes it, sent by a task after the
    commit, tried again later when sending fails.
    """

    class Kind(models.TextChoices):
        APPROVED = "approved", "Comment approved"
        REPLY = "reply", "Reply to a comment"
        DIGEST = "digest", "Moderation digest"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    comment = models.ForeignKey(
        "comments.Comment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
        help_text="The comment approved, or the reply; empty for a digest.",
    )
    recipient = models.EmailField(editable=False)
    subject = models.CharField(max_length=200, editable=False)
    body = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    last_error = models.CharField(max_length=300, blank=True, editable=False)

    objects = PermanentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "created_at"], name="notification_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient}"
