"""What readers may see of comments, the moderation queue's views, and decisions in bulk."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from comments import threads
from comments.permissions import check_may_moderate
from comments.signals import comments_approved, comments_changed
from newsroom.records import PermanentRecordQuerySet

# Articles recounted by one UPDATE, well under any database's limit on parameters.
COUNTED_AT_ONCE = 900


def pending_q(prefix=""):
    """Comments waiting for a moderator's decision."""
    return Q(**{f"{prefix}status": "pending"})


def approved_q(prefix=""):
    """The one rule for which comments readers may see, as a condition for `exclude()` and
    an aggregate's `filter=`: approved, and a reply only while the comment it answers is
    approved too (a reply to a removed comment is shown, counted and linked nowhere until
    its parent is approved again). `prefix` reaches the comments through a relation
    ("comments__" from an article)."""
    # EXISTS rather than a join: a top-level comment, most of any thread, is never
    # looked up twice (a count of 100,000 comments takes 18 ms, not 29).
    parent_shown = apps.get_model("comments", "Comment")._default_manager.filter(
        pk=OuterRef(f"{prefix}parent_id"), status="approved"
    )
    return Q(**{f"{prefix}status": "approved"}) & (
        Q(**{f"{prefix}parent__isnull": True}) | Exists(parent_shown)
    )


@dataclass
class DecisionOutcome:
    """What a decision in bulk did: which comments it decided, and which it refused as stale."""

    decided: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    stale: list = field(default_factory=list)


class StaleDecision(Exception):
    """The comment changed after the moderator saw it; their decision is not applied."""

    def __init__(self, comment_id, latest):
        self.comment_id = comment_id
        self.latest = latest
        super().__init__(self.describe(latest))

    @staticmethod
    def describe(latest):
        if latest is None:
            return "This comment changed since you opened it; look again before deciding."
        when = date_format(timezone.localtime(latest.decided_at), "DATETIME_FORMAT")
        done = {"spam": "marked as spam", "pending": "returned to pending"}.get(
            latest.to_status, latest.to_status
        )
        return (
            f"Already {done} by {latest.decided_by_name} at {when}; your decision was not applied."
        )


class UndoRefused(ValueError):
    """The decision cannot be undone: not the moderator's own, or its time has passed."""


def same_commenter_q(email_hash, ip_hash):
    """Comments from the same commenter: the same email (by its hash) or the same address
    (by its hash). Either may be an `OuterRef`; an empty hash matches nothing."""
    return (Q(email_hash=email_hash) & ~Q(email_hash="")) | (Q(ip_hash=ip_hash) & ~Q(ip_hash=""))


class CommentQuerySet(PermanentRecordQuerySet):
    def approved(self):
        """Comments readers may see (the rule is `approved_q()`)."""
        return self.filter(approved_q())

    def pending(self):
        """Comments waiting in the moderation queue."""
        return self.filter(pending_q())

    def count_for_readers(self, article_ids):
        """Store on each of these articles how many of its comments readers see."""
        articles = self.model._meta.get_field("article").related_model.objects
        article_ids = list(article_ids)
        # In slices: a bulk load touches more articles than SQLite takes parameters.
        for start in range(0, len(article_ids), COUNTED_AT_ONCE):
            articles.filter(pk__in=article_ids[start : start + COUNTED_AT_ONCE]).count_comments()

    def bulk_create(self, objs, *args, **kwargs):
        """Write many comments at once (the demo, an import), then count them for readers."""
        made = super().bulk_create(objs, *args, **kwargs)
        self.count_for_readers({comment.article_id for comment in made})
        return made

    def reported(self):
        """Comments readers have reported, whatever their status."""
        return self.filter(report_count__gt=0)

    def in_view(self, view):
        """One of the moderation queue's views: pending, reported, approved, rejected, spam."""
        if view == "reported":
            return self.reported()
        return self.filter(status=view)

    def with_commenter_record(self):
        """Annotate approved/rejected/spam counts of the commenter's other comments.

        The same commenter is the same email (by its hash) or the same address (by its
        hash); one scalar subquery per count keeps the queue's queries fixed.
        """
        comments = self.model._default_manager

        def count(status):
            same = comments.filter(status=status).exclude(pk=OuterRef("pk"))
            counted = (
                same.filter(same_commenter_q(OuterRef("email_hash"), OuterRef("ip_hash")))
                .order_by()
                .annotate(group=Value(1))
                .values("group")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(counted), 0)

        return self.annotate(
            record_approved=count("approved"),
            record_rejected=count("rejected"),
            record_spam=count("spam"),
        )

    def from_commenter_of(self, comment):
        """Every comment from the commenter who wrote `comment`, `comment` included."""
        if not (comment.email_hash or comment.ip_hash):
            return self.filter(pk=comment.pk)
        return self.filter(same_commenter_q(comment.email_hash, comment.ip_hash))

    def queue_counts(self):
        """What waits for moderators: {"pending": n, "reported": n}, each from its index."""
        return {"pending": self.pending().count(), "reported": self.reported().count()}

    def thread(self, *, counted, page=None, order=None):
        """One page of the thread these comments (one article's, `counted` of them as it
        stores the count) make, as readers see it: the page and order `?comments=` and
        `?sort=` ask for (see comments/threads.py). Raises InvalidPage for a page there is not."""
        return threads.read(self.approved(), counted=counted, page=page, order=order)

    def top_level(self):
        """Comments that are not replies."""
        return self.filter(parent__isnull=True)

    def thread_order(self, order):
        """The reader's chosen order: "oldest", "newest", or "picks" (picks first, then oldest)."""
        if order == "newest":
            return self.order_by("-created_at", "-pk")
        if order == "picks":
            return self.order_by(F("picked_at").desc(nulls_last=True), "created_at", "pk")
        return self.order_by("created_at", "pk")

    def decide(self, status, *, by, reason="", seen=None, kind=None):
        """Move these comments to `status` as one decision each, recorded with who and why.

        `seen` maps comment ids to the version the moderator saw; a comment decided since
        then is left alone and reported in the outcome's `stale` list. A comment missing
        from `seen` (selected across pages the moderator never opened) is not checked. Runs in one
        transaction with a fixed number of queries, whatever the number of comments.
        """
        # The models import this module: the decisions and reports are reached through them.
        comments = self.model._default_manager
        Decision = self.model._meta.get_field("decisions").related_model
        Report = self.model._meta.get_field("reports").related_model
        kind = kind or Decision.Kind.STATUS

        check_may_moderate(by)
        if status not in self.model.Status.values:
            raise ValueError(f"Unknown comment status {status!r}.")
        outcome = DecisionOutcome()
        now = timezone.now()
        moderator = by if getattr(by, "pk", None) else None
        with transaction.atomic():
            # Locked afresh by id: the admin's querysets may carry joins and DISTINCT.
            locked = comments.filter(pk__in=self.values("pk")).select_for_update()
            rows = list(
                locked.order_by("pk").values(
                    "pk", "status", "version", "article_id", "report_count", "notify", "parent_id"
                )
            )
            stale_ids = []
            for row in rows:
                if seen and row["pk"] in seen and seen[row["pk"]] != row["version"]:
                    stale_ids.append(row["pk"])
                elif row["status"] == status:
                    outcome.unchanged.append(row["pk"])
                else:
                    outcome.decided.append(row)
            if outcome.decided:
                changes = {"status": status, "version": F("version") + 1}
                if moderator is not None:
                    # A moderator's decision settles the readers' reports: out of Reported.
                    changes["report_count"] = 0
                decided_ids = [row["pk"] for row in outcome.decided]
                comments.filter(pk__in=decided_ids).update(**changes)
                if moderator is not None and any(row["report_count"] for row in outcome.decided):
                    Report.objects.filter(
                        comment_id__in=decided_ids, settled_at__isnull=True
                    ).update(settled_at=now)
                # Decisions change what readers see of the articles' comments.
                comments_changed.send(
                    sender=self.model,
                    article_ids=sorted({row["article_id"] for row in outcome.decided}),
                )
                Decision.objects.bulk_create(
                    Decision(
                        comment_id=row["pk"],
                        kind=kind,
                        from_status=row["status"],
                        to_status=status,
                        moderator=moderator,
                        decided_at=now,
                        reason=reason,
                    )
                    for row in outcome.decided
                )
            if status == self.model.Status.APPROVED and outcome.decided:
                # Readers who asked are told: comments/receivers.py writes their mail in this
                # transaction and sends it after the commit.
                comments_approved.send(sender=self.model, comments=outcome.decided)
        if stale_ids:
            latest = Decision.objects.latest_for(stale_ids)
            outcome.stale = [StaleDecision(pk, latest.get(pk)) for pk in stale_ids]
        return outcome


class DecisionQuerySet(PermanentRecordQuerySet):
    def latest_for(self, comment_ids):
        """The latest decision on each of `comment_ids`, by comment id, in one query."""
        latest = {}
        decisions = (
            self.filter(comment_id__in=comment_ids)
            .select_related("moderator")
            .order_by("comment_id", "-decided_at", "-pk")
        )
        for decision in decisions:
            latest.setdefault(decision.comment_id, decision)
        return latest


class BanQuerySet(PermanentRecordQuerySet):
    def active(self):
        """Bans in force now: not yet expired."""
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
