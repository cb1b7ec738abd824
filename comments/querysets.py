"""What readers may see of comments, and the moderation verbs in bulk."""

from django.db import models, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from pagecache.versions import article_changed


def approved_q(prefix=""):
    """The one rule for which comments readers may see: approved ones."""
    return Q(**{f"{prefix}status": "approved"})


def pending_q(prefix=""):
    """Comments waiting for a moderator's decision."""
    return Q(**{f"{prefix}status": "pending"})


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """Comments a reader may see."""
        return self.filter(approved_q())

    def pending(self):
        """Comments waiting in the moderation queue."""
        return self.filter(pending_q())

    def in_queue_order(self):
        """Pending comments first, oldest first, so nothing waits forever; then the rest, newest first."""
        return self.order_by(*queue_ordering())

    def moderate(self, status, *, by, reason=""):
        """Set these comments' status, recording who decided, when and why; return how many."""
        with transaction.atomic():
            article_changed(*set(self.values_list("article_id", flat=True)))
            return self.exclude(status=status).update(
                status=status,
                moderated_by=by,
                moderated_at=timezone.now(),
                moderation_reason=reason,
            )


def queue_ordering():
    """The moderation queue's order, as expressions the admin can use too."""
    waiting = Case(When(status="pending", then=Value(0)), default=Value(1))
    return [
        waiting.asc(),
        Case(When(status="pending", then="created_at")).asc(nulls_last=True),
        models.F("created_at").desc(),
    ]
