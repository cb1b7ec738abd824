"""Reader comments, each pre-moderated: pending until a moderator approves it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from comments.querysets import CommentQuerySet


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments"
    )
    author_name = models.CharField("name", max_length=settings.COMMENTS_NAME_MAX_LENGTH, blank=True)
    email = models.EmailField(blank=True, help_text="Never shown publicly.")
    body = models.TextField("comment")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the comment was decided this way; for moderators, never shown publicly.",
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "rejected", "spam"]),
                name="comment_status_is_known",
            ),
        ]

    def __str__(self):
        return f"{self.display_name}: {self.body[:40]}"

    @property
    def display_name(self):
        return self.author_name or "Anonymous"

    def is_approved(self):
        return self.status == self.Status.APPROVED

    is_approved.boolean = True
    is_approved.short_description = "shown"

    def moderate(self, status, *, by, reason=""):
        """Record a moderator's decision on this comment, and why."""
        type(self).objects.filter(pk=self.pk).moderate(status, by=by, reason=reason)
        self.refresh_from_db(fields=["status", "moderated_by", "moderated_at", "moderation_reason"])

    def approve(self, *, by):
        """Show the comment to readers."""
        self.moderate(self.Status.APPROVED, by=by)

    def reject(self, *, by, reason=""):
        """Keep the comment off the site; it stays on record."""
        self.moderate(self.Status.REJECTED, by=by, reason=reason)

    def mark_spam(self, *, by, reason=""):
        """Keep the comment off the site as spam."""
        self.moderate(self.Status.SPAM, by=by, reason=reason)
