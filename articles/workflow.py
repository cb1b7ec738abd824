"""The editorial workflow: which verb moves an article from which state to which, who may
use it, what it records, and what a refusal says.

The table is read by the one implementation of the verbs, `ArticleQuerySet.move()`, which
the one-article verbs on `Article` call for their row, and by `plan_save()`: the move a
desk save makes, which `Article.save_changes()` writes and the article form asks about
first to show its refusals beside the fields. Nothing else decides a move.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

# The articles app's permissions, named once.
CHANGE_PERMISSION = "articles.change_article"
PUBLISH_PERMISSION = "articles.publish_article"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Action(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for review"
    RETURNED = "returned", "Sent back"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    RESCHEDULED = "rescheduled", "Publish time changed"
    REVISED = "revised", "Live copy changed"
    REVISION_SUBMITTED = "rev_submitted", "Revision submitted"
    REVISION_PUBLISHED = "rev_published", "Revision published"
    UNPUBLISHED = "unpublished", "Unpublished"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CORRECTED = "corrected", "Correction added"


# What a move may write besides the copy: reloaded on the article after it.
STATE_FIELDS = [
    "status",
    "publish_at",
    "first_published_at",
    "revised_at",
    "withdrawn_at",
    "withdrawal_reason",
    "version",
    "updated_at",
    "updated_by",
]


class ArticleChanged(Exception):
    """Someone changed the article after this person opened it: their action is refused."""

    def __init__(self, article):
        self.article = article
        super().__init__(f"{article} was changed by someone else; reload it and try again.")


def source_hold(article, publish_at):
    """The refusal for putting `article` live at `publish_at` if its source (the wire desk
    sets `killed_at` and `embargoed_until`) killed the story or embargoes it past then."""
    if article.killed_at is not None:
        return ValidationError(
            "The source killed this story: it cannot be published.", code="killed"
        )
    if article.embargoed_until is not None and publish_at < article.embargoed_until:
        return ValidationError(
            "Embargoed until %(until)s: schedule it for that time or later.",
            code="embargoed",
            params={
                "until": date_format(timezone.localtime(article.embargoed_until), "DATETIME_FORMAT")
            },
        )
    return None


def require(user, permission, refusal):
    """Refuse `user` without `permission`, saying why."""
    if not user.has_perm(permission):
        raise PermissionDenied(refusal)


@dataclass(frozen=True)
class Step:
    """One verb: the states it moves from and to, who may use it, and its refusals."""

    sources: frozenset
    # The state it moves to: the first, unless the caller picks another. None: it stays.
    targets: tuple
    permission: str
    denied: str
    # Said of an article in a state the verb does not move from; %(state)s is where it stands.
    refusal: str
    code: str
    # The event recorded; an edit records what it changed instead (see `records`).
    action: str = ""
    # When set, a move with no reason is refused with this.
    reason: str = ""
    wrong_target: str = ""
    # Fields set to the moment of the move, and fields set to it only where empty.
    stamped: tuple = ()
    filled: tuple = ()
    # The article field that keeps the move's reason for readers to see, if any.
    public_reason: str = ""

    def require(self, by):
        """Refuse a person without this verb's permission."""
        require(by, self.permission, self.denied)

    def check(self, by, *, note="", to=None):
        """Refuse a person without the permission, a missing reason, an unknown target;
        return the state the articles move to."""
        self.require(by)
        if self.reason and not note.strip():
            raise ValidationError(self.reason, code="reason_required")
        if to is not None and to not in self.targets:
            raise ValidationError(self.wrong_target, code="bad_target")
        return to or self.targets[0]

    def refuse(self, article):
        """The refusal for `article`, which stands in a state this verb does not move from."""
        return ValidationError(
            self.refusal, code=self.code, params={"state": article.publication_state().lower()}
        )

    def held(self, article, now):
        """The refusal for `article` if its source holds it back from this step, or None."""
        if self.action == Action.PUBLISHED:
            return source_hold(article, article.publish_at or now)
        return None

    def apply(self, article, target, now, *, note=""):
        """Make the move on one article in memory."""
        if target is not None:
            article.status = target
        if self.public_reason:
            setattr(article, self.public_reason, note.strip())
        for name in self.stamped:
            setattr(article, name, now)
        for name in self.filled:
            if getattr(article, name) is None:
                setattr(article, name, now)

    def changes(self, target, now, *, note=""):
        """The same move as the values of one UPDATE over many rows."""
        values = dict.fromkeys(self.stamped, now)
        if self.public_reason:
            values[self.public_reason] = note.strip()
        values.update({name: Coalesce(name, Value(now)) for name in self.filled})
        if target is not None:
            values["status"] = target
        return values

    def records(self, before, after, *, note="", edited=()):
        """What the editorial record keeps of one article's move, as `ArticleEvent` fields.

        `before` is the article's state as stored, `after` the article once moved.
        """
        if self.action == Action.PUBLISHED and after.is_scheduled():
            return [{"action": Action.SCHEDULED, "note": note, "scheduled_for": after.publish_at}]
        if self.action:
            return [{"action": self.action, "note": note}]
        if not before.status == after.status == Status.PUBLISHED:
            return []
        # An edit of live (or scheduled) copy: what readers will read changed, or when.
        # The note is the desk's record; readers' notes are corrections (`add_correction`).
        events = []
        text = [name for name in edited if name in after.TEXT_FIELDS]
        if text:
            labels = ", ".join(str(after._meta.get_field(name).verbose_name) for name in text)
            events.append({"action": Action.REVISED, "note": note or f"Changed {labels}."})
        if "publish_at" in edited and after.publish_at != before.publish_at:
            events.append({"action": Action.RESCHEDULED, "scheduled_for": after.publish_at})
        return events

    def revises(self, before, after, edited):
        """Whether readers' copy changed in this move: shown to them as Updated."""
        text_edited = any(name in after.TEXT_FIELDS for name in edited)
        return text_edited and before.status == Status.PUBLISHED and after.is_published()


_EDITABLE = frozenset({Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED})

STEPS = {
    "submit_for_review": Step(
        sources=frozenset({Status.DRAFT}),
        targets=(Status.IN_REVIEW,),
        permission=CHANGE_PERMISSION,
        denied="Only the desk may submit articles for review.",
        refusal="Only a draft can be submitted for review; this article is %(state)s.",
        code="not_a_draft",
        action=Action.SUBMITTED,
    ),
    "send_back": Step(
        sources=frozenset({Status.IN_REVIEW}),
        targets=(Status.DRAFT,),
        permission=PUBLISH_PERMISSION,
        denied="Only editors may send work back.",
        refusal="Only work in review can be sent back.",
        code="not_in_review",
        action=Action.RETURNED,
        reason="Say why the work is sent back.",
    ),
    # Live, or scheduled where the publish date is still to come: readers see it from then.
    "publish": Step(
        sources=frozenset({Status.DRAFT, Status.IN_REVIEW}),
        targets=(Status.PUBLISHED,),
        permission=PUBLISH_PERMISSION,
        denied="Only editors may publish articles.",
        refusal="This article is %(state)s already.",
        code="not_publishable",
        action=Action.PUBLISHED,
        filled=("publish_at", "first_published_at"),
    ),
    "unpublish": Step(
        sources=frozenset({Status.PUBLISHED}),
        targets=(Status.DRAFT, Status.IN_REVIEW),
        permission=PUBLISH_PERMISSION,
        denied="Only editors may unpublish articles.",
        refusal="Only a published article can be unpublished.",
        code="not_live",
        action=Action.UNPUBLISHED,
        wrong_target="Unpublish to draft or review.",
    ),
    # Down for good: the address answers 410 Gone, the record stays.
    "withdraw": Step(
        sources=frozenset({Status.PUBLISHED}),
        targets=(Status.WITHDRAWN,),
        permission=PUBLISH_PERMISSION,
        denied="Only editors may withdraw articles.",
        refusal="Only a published article can be withdrawn.",
        code="not_published",
        action=Action.WITHDRAWN,
        reason="Say why the article is withdrawn.",
        stamped=("withdrawn_at",),
        # Readers of its address are told when, and why.
        public_reason="withdrawal_reason",
    ),
    # A save that leaves the article where it stands; on live copy it records what changed.
    "edit": Step(
        sources=_EDITABLE,
        targets=(None,),
        permission=CHANGE_PERMISSION,
        denied="Only the desk may change articles.",
        refusal="A withdrawn article is down for good; it is not changed.",
        code="withdrawn",
    ),
    "publish_revision": Step(
        sources=_EDITABLE,
        targets=(None,),
        permission=PUBLISH_PERMISSION,
        denied="Only editors may publish revisions.",
        refusal="A withdrawn article is down for good; it is not changed.",
        code="withdrawn",
        action=Action.REVISION_PUBLISHED,
    ),
}

# The desk's Status menu: the verb that moves an article from one choice to another.
MENU_MOVES = {
    (Status.DRAFT, Status.IN_REVIEW): "submit_for_review",
    (Status.IN_REVIEW, Status.DRAFT): "send_back",
    (Status.DRAFT, Status.PUBLISHED): "publish",
    (Status.IN_REVIEW, Status.PUBLISHED): "publish",
    (Status.PUBLISHED, Status.DRAFT): "unpublish",
    (Status.PUBLISHED, Status.IN_REVIEW): "unpublish",
}

PUBLISH_DATE_KEPT = (
    "A published article keeps its publish date; to take it off the site, choose Draft."
)
NOTE_NEEDS_LIVE = "Public notes go on live articles; this save takes it off the site."


def verb_between(stored, wanted):
    """The verb a save makes when the Status menu goes from `stored` to `wanted`, if any."""
    if stored == wanted:
        return "edit"
    return MENU_MOVES.get((stored, wanted))


@dataclass
class Outcome:
    """What a verb did: the articles it moved and the events recorded, the articles it
    refused (by id, with the refusal) and those changed since the person saw them."""

    moved: list = field(default_factory=list)
    events: list = field(default_factory=list)
    refused: dict = field(default_factory=dict)
    stale: list = field(default_factory=list)


def plan_save(article, *, stored, by, now, note="", edited=(), correcting=False, verb=None):
    """Move `article`, which holds the values it is saved with, as its save from `stored`
    (the article as it stands) asks; return the step. Nothing is written.

    The step is `verb`, or the one the Status menu's change makes. Refused with
    PermissionDenied, or a ValidationError naming the fields concerned.
    """
    verb = verb or verb_between(stored.status, article.status)
    if verb is None:
        raise ValidationError(
            {
                "status": ValidationError(
                    "An article goes from %(stored)s to %(wanted)s by its own step, not a save.",
                    code="no_such_move",
                    params={
                        "stored": Status(stored.status).label.lower(),
                        "wanted": Status(article.status).label.lower(),
                    },
                )
            }
        )
    step = STEPS[verb]
    step.require(by)
    if stored.status not in step.sources:
        raise step.refuse(stored)
    errors = {}
    if step.reason and not note.strip():
        errors["note"] = ValidationError(step.reason, code="reason_required")
    # The status already holds the menu's choice; the step stamps and fills the rest.
    step.apply(article, None, now)
    if stored.status == article.status == Status.PUBLISHED and article.publish_at is None:
        errors["publish_at"] = ValidationError(PUBLISH_DATE_KEPT, code="publish_date_required")
    if held := step.held(stored_with(stored, article), now):
        errors["publish_at"] = held
    if correcting and not article.is_published():
        errors["correction_text"] = ValidationError(NOTE_NEEDS_LIVE, code="not_live")
    if errors:
        raise ValidationError(errors)
    if step.revises(stored, article, edited):
        article.revised_at = now
    return step


def stored_with(stored, article):
    """What the source's holds are checked against: the stored holds (set by the wire desk,
    never by the form) and the publish date the save asks for."""
    return type(article)(
        killed_at=stored.killed_at,
        embargoed_until=stored.embargoed_until,
        publish_at=article.publish_at,
    )


def may_edit_live_copy(user):
    """Whether this person changes live copy at once; anyone else does it as a revision."""
    return user.has_perm(PUBLISH_PERMISSION)


def steps_offered(user, article, revision):
    """The steps of the desk's workflow pages this person may take on `article` now.

    `revision` is its pending revision of live copy, if any: submitting and sending back
    then move the revision, not the article.
    """
    offered = []
    submitted = revision is not None and revision.status == revision.Status.SUBMITTED
    submittable = article.status in STEPS["submit_for_review"].sources or (
        revision is not None and not submitted
    )
    if submittable and article.status != Status.WITHDRAWN and user.has_perm(CHANGE_PERMISSION):
        offered.append("submit_for_review")
    if user.has_perm(PUBLISH_PERMISSION):
        if article.status in STEPS["send_back"].sources or submitted:
            offered.append("send_back")
        if revision is not None:
            offered.append("publish_revision")
        if article.status in STEPS["unpublish"].sources:
            offered.append("unpublish")
        if article.status in STEPS["withdraw"].sources:
            offered.append("withdraw")
    return offered
