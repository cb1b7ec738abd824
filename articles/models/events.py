"""The editorial record: one row for each move of an article through the desk."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from articles import workflow
from articles.querysets import ArticleEventQuerySet


class ArticleEvent(models.Model):
    """The editorial record: who moved an article through the desk, when and why.

    Kept for good: an event is never changed or deleted, nor the article it is about
    once that article was published.
    """

    Action = workflow.Action

    article = models.ForeignKey("Article", on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    # The desk's own record, never shown to readers: notes for readers are corrections.
    note = models.CharField("internal note", max_length=300, blank=True)
    scheduled_for = models.DateTimeField(null=True, blank=True)
    revision = models.ForeignKey(
        "ArticleRevision", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )

    objects = ArticleEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        when = date_format(timezone.localtime(self.at), "DATETIME_FORMAT")
        return f"{self.get_action_display()} by {self.actor}, {when}"

    def delete(self, *args, **kwargs):
        type(self).objects.filter(pk=self.pk).delete()
