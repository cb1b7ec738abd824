"""Readers' personal data: kept as keyed hashes where that is enough, and not for long.

A reader's address is never stored: rate limits, bans and a commenter's history work on
an HMAC of it, keyed by COMMENTS_ADDRESS_KEY, so the database alone cannot give it back.
Emails are kept for a retention period after the decision and then cleared; their hash
stays, so bans and history outlive the address itself.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from comments.models import Comment, Decision
from comments.permissions import COMMENTER_DATA_PERMISSION
from newsroom.readers import address_hash as address_hash  # for its callers and migrations
from newsroom.readers import keyed_hash


def email_hash(email):
    """The keyed hash of an email address, case-insensitive; "" for no email."""
    email = (email or "").strip().casefold()
    return keyed_hash("email", email) if email else ""


def export_commenter(email):
    """Everything kept about the commenter with `email`, as plain data for them to read."""

    comments = (
        Comment.objects.filter(email_hash=email_hash(email))
        .select_related("article")
        .prefetch_related("decisions")
        .order_by("created_at", "pk")
    )
    return {
        "email": email,
        "comments": [
            {
                "article": comment.article.headline,
                "news_id": comment.article.news_id,
                "posted_at": comment.created_at.isoformat(),
                "name": comment.author_name,
                "email": comment.email,
                "comment": comment.body,
                "status": comment.status,
                "user_agent": comment.user_agent,
                "decisions": [
                    {
                        "at": decision.decided_at.isoformat(),
                        "from": decision.from_status,
                        "to": decision.to_status,
                        "reason": decision.reason,
                    }
                    for decision in comment.decisions.all()
                ],
            }
            for comment in comments
        ],
    }


def erase_commenter(email, *, by):
    """Erase what the commenter with `email` wrote and left; return how many comments.

    Their comments come off the site (a recorded decision, so the record says why) and lose
    their name, email, text, address hash and user agent; the decision records stay.
    """

    if not by.has_perm(COMMENTER_DATA_PERMISSION):
        raise PermissionDenied("Only moderators may erase a commenter's data.")
    key = email_hash(email)
    if not key:
        return 0
    comments = Comment.objects.filter(email_hash=key)
    with transaction.atomic():
        comments.exclude(status__in=[Comment.Status.REJECTED, Comment.Status.SPAM]).decide(
            Comment.Status.REJECTED, by=by, reason="erased at the commenter's request"
        )
        return comments.update(
            author_name="",
            email="",
            email_hash="",
            body="",
            ip_hash="",
            user_agent="",
            personal_data_cleared_at=timezone.now(),
        )


def purge_expired_personal_data(*, now=None):
    """Clear email and user agent from comments decided longer ago than the retention period.

    The address and email hashes stay (bans and history need them); so does every decision.
    """

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.COMMENTS_RETENTION_DAYS)
    decisions = Decision.objects.filter(comment=OuterRef("pk"))
    expired = (
        Comment.objects.exclude(status=Comment.Status.PENDING)
        .filter(Q(email__gt="") | Q(user_agent__gt=""))
        .filter(Exists(decisions))
        .exclude(Exists(decisions.filter(decided_at__gt=cutoff)))
    )
    return expired.update(email="", user_agent="", personal_data_cleared_at=now)
