"""What the wire queue lists: one home for each state an agency item can be in."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

# The queue's states, in the order the filter offers them.
STATES = [
    ("new", "New"),
    ("fetched", "Fetched"),
    ("updated", "Updated since fetched"),
    ("embargoed", "Embargoed"),
    ("killed", "Killed"),
]


def killed_q():
    return Q(killed_at__isnull=False)


def embargoed_q():
    """Under an embargo still to run: not for publication yet."""
    return Q(embargoed_until__gt=timezone.now()) & ~killed_q()


def updated_q():
    """Fetched to a draft, and the agency has sent a newer version since."""
    return Q(article__isnull=False, number__gt=F("drafted_number")) & ~killed_q()


def fetched_q():
    return Q(article__isnull=False, number=F("drafted_number")) & ~killed_q()


def new_q():
    return Q(article__isnull=True) & ~killed_q() & ~embargoed_q()


STATE_RULES = {
    "new": new_q,
    "fetched": fetched_q,
    "updated": updated_q,
    "embargoed": embargoed_q,
    "killed": killed_q,
}


class WireItemQuerySet(models.QuerySet):
    def in_state(self, state):
        """Items in one of the queue's states (see STATES)."""
        return self.filter(STATE_RULES[state]())

    def for_queue(self):
        """The queue: newest version first, with what each row shows in one query."""
        return self.select_related("provider").order_by("-received_at", "-pk")

    def past_expiry(self, now=None):
        """Items the agency said expire, whose time has come, not killed yet."""
        return self.filter(expires__lte=now or timezone.now(), killed_at__isnull=True)


class ProviderQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)
