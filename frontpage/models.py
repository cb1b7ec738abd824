"""The front page as editors arrange it: the lead story and the top stories, in order.

Each change is a new `Arrangement` on the record (who arranged it, when, and its slots);
readers see the newest. A slot holds a story only while it is live: a slot left empty, or
holding a story since withdrawn or unpublished, is filled by the newest live story.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from articles.models import Article
from articles.signals import articles_changed
from newsroom.records import PermanentRecord, PermanentRecordQuerySet

ARRANGE_PERMISSION = "frontpage.add_arrangement"
# The lead story, then up to four top stories.
SLOTS = 5
SLOT_NAMES = ["Lead story", "Top story 1", "Top story 2", "Top story 3", "Top story 4"]


class ArrangementQuerySet(PermanentRecordQuerySet):
    def newest_first(self):
        return self.order_by("-arranged_at", "-pk")

    def current(self):
        """The arrangement readers see (the newest), or None."""
        return self.newest_first().prefetch_related("slots__article").first()

    def arrange(self, stories, *, by):
        """Put `stories` (the lead first; None for a slot left to the newest) on the front
        page, recorded as arranged by `by`; the pages that showed or now show them change."""
        stories = list(stories)[:SLOTS]
        with transaction.atomic():
            before = self.current()
            arrangement = self.create(arranged_by=by, arranged_at=timezone.now())
            Slot.objects.bulk_create(
                Slot(arrangement=arrangement, position=position, article=story)
                for position, story in enumerate(stories)
                if story is not None
            )
            moved = {story.pk for story in stories if story is not None}
            if before is not None:
                moved |= {slot.article_id for slot in before.slots.all()}
            articles_changed.send(sender=Arrangement, ids=sorted(moved))
        return arrangement


class Arrangement(PermanentRecord):
    """One arrangement of the front page's top, as an editor set it."""

    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    arranged_at = models.DateTimeField(default=timezone.now)

    objects = ArrangementQuerySet.as_manager()

    class Meta:
        ordering = ["-arranged_at", "-pk"]
        verbose_name = "front page arrangement"

    def __str__(self):
        # The desk's date format: "3 Dec 2026, 18:44".
        arranged = timezone.localtime(self.arranged_at)
        return f"Front page arranged {arranged.day} {arranged:%b %Y, %H:%M}"

    def stories(self):
        """The arranged story of each slot (None where left empty), lead first."""
        by_position = {slot.position: slot.article for slot in self.slots.all()}
        return [by_position.get(position) for position in range(SLOTS)]


class Slot(PermanentRecord):
    """One story's place in an arrangement: 0 is the lead."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.PROTECT, related_name="slots")
    position = models.PositiveSmallIntegerField()
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="front_slots")

    objects = PermanentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "position"], name="one_story_a_slot"),
            models.UniqueConstraint(fields=["arrangement", "article"], name="one_slot_a_story"),
        ]

    def __str__(self):
        return f"{SLOT_NAMES[self.position]}: {self.article}"
