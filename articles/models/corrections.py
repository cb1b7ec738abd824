"""Public notes on live articles: corrections, clarifications and updates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models, transaction
from django.utils import timezone

from articles.models.events import ArticleEvent
from articles.querysets import CorrectionQuerySet
from newsroom.records import PermanentRecord


class Correction(PermanentRecord):
    """A public note on a live article: what was wrong or unclear, or what has happened since.

    Added only through `Article.add_correction`; kept for good, like the editorial record.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey("Article", on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        max_length=1000,
        validators=[ProhibitNullCharactersValidator()],
        help_text="Shown to readers under the article and on the corrections page.",
    )
    published_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} to “{self.article}”"

    @classmethod
    def add(cls, article, kind, text, *, by):
        """Write the note and its event on the article's record, together. The checks of
        who may and of the article's state are `Article.add_correction`'s."""
        text = text.strip()
        if not text:
            raise ValidationError("Say what was corrected, for readers.", code="text_required")
        with transaction.atomic():
            correction = cls(article=article, kind=kind, text=text, added_by=by)
            correction.full_clean(exclude=["article", "added_by"])
            correction.save()
            ArticleEvent.objects.create(
                article=article,
                action=ArticleEvent.Action.CORRECTED,
                actor=by,
                at=correction.published_at,
                note=f"{correction.get_kind_display()}: {text}"[:300],
            )
        return correction

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"

    def as_schema(self):
        """This note as a schema.org CorrectionComment, for the article's JSON-LD."""
        return {
            "@type": "CorrectionComment",
            "text": f"{self.get_kind_display()}: {self.text}",
            "datePublished": self.published_at.isoformat(),
        }
