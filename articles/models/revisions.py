"""Revisions of live copy: changes by someone who may not publish, kept for an editor."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from articles.models.events import ArticleEvent
from articles.querysets import ArticleRevisionQuerySet


class ArticleRevision(models.Model):
    """Changes to live copy by someone who may not publish, kept apart until an editor does.

    `base` is the copy the writer started from, so publishing applies only what they
    changed, and refuses where an editor changed the same field since.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        SUBMITTED = "submitted", "Waiting for an editor"
        PUBLISHED = "published", "Published"
        RETURNED = "returned", "Sent back"

    article = models.ForeignKey("Article", on_delete=models.PROTECT, related_name="revisions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    base = models.JSONField(help_text="The live copy the revision started from.")
    content = models.JSONField(help_text="The revised copy.")
    base_version = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(status__in=["draft", "submitted", "returned"]),
                name="one_open_revision_per_article",
            ),
        ]

    def __str__(self):
        return f"Revision of “{self.article}” ({self.get_status_display().lower()})"

    def changed_fields(self):
        """The fields this revision changes, in the form's order."""
        return [
            f
            for f in self._meta.get_field("article").related_model.REVISION_FIELDS
            if self.content.get(f) != self.base.get(f)
        ]

    def submit(self, *, by, note=""):
        """Send the revision to the editors."""
        return self._move(self.Status.SUBMITTED, ArticleEvent.Action.REVISION_SUBMITTED, by, note)

    def send_back(self, *, by, reason):
        """Return the revision to its writer, saying why."""
        return self._move(self.Status.RETURNED, ArticleEvent.Action.RETURNED, by, reason)

    def _move(self, status, action, by, note):
        with transaction.atomic():
            self.status = status
            self.save(update_fields=["status", "updated_at"])
            return ArticleEvent.objects.create(
                article=self.article, action=action, actor=by, note=note, revision=self
            )

    def conflicts(self):
        """Fields both this revision and someone since have changed on the live copy."""
        live = self.article.revision_content()
        return [
            f
            for f in self.changed_fields()
            if live.get(f) != self.base.get(f) and live.get(f) != self.content.get(f)
        ]

    def publish(self, *, by, note="", correction=None):
        """Put this revision's changes on the live article, written once like any edit;
        `correction` (kind, text) adds a note for readers with it."""
        article = self.article
        with transaction.atomic():
            conflicts = self.conflicts()
            if conflicts:
                raise ValidationError(
                    "Since this revision was started, the live copy's %(fields)s changed too; "
                    "send it back to be redone on the current copy.",
                    code="revision_conflict",
                    params={"fields": ", ".join(conflicts)},
                )
            changed = self.changed_fields()
            for field in changed:
                if field in article.TEXT_FIELDS:
                    setattr(article, field, self.content[field])
            if "section" in changed:
                article.section_id = self.content["section"]
            (event,) = article.save_changes(
                by=by, fields=changed, note=note, correction=correction, revision=self
            )
            if "tags" in changed:
                article.tags.set(self.content["tags"])
            if "byline" in changed:
                article.byline.set(self.content["byline"])
            self.status = self.Status.PUBLISHED
            self.save(update_fields=["status", "updated_at"])
        return event
