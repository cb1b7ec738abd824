"""Posting a reader's comment or report: rate limit, policy, duplicates, and the record.

One keyword-only function the view calls; the form has already validated what the reader
typed and the token the page was served with.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from comments.forms import CommentForm, ReportForm
from comments.models import Comment, Decision, Report
from comments.permissions import AUTOMATIC
from comments.policy import Submission, Verdict, moderation_policy
from comments.privacy import address_hash, email_hash

logger = logging.getLogger(__name__)

# A second try within this time with the same name and words is the same comment.
DUPLICATE_WINDOW = timedelta(days=1)
# Posts whose address cannot be read share one allowance, so the limit is never off.
UNKNOWN_ADDRESS = "unknown-address"


class TooManyComments(Exception):
    """The address has posted its allowance for now."""

    def __init__(self, retry_after):
        super().__init__(f"Too many comments; try again in {retry_after} seconds.")
        self.retry_after = retry_after


class CommentRefused(Exception):
    """The policy refused the post outright (a bot): nothing is stored."""


class CommentNotShown(Comment.DoesNotExist):
    """The reported comment left the site while the report was on its way: nothing is stored."""


def take_allowance(ip_hash, *, purpose="posts", limit=None):
    """Count one post (or report) from the address `ip_hash` stands for; raise
    TooManyComments when over `limit` (COMMENTS_RATE_LIMIT) in the window."""
    if not ip_hash:
        logger.warning(
            "Comment %s without a usable address; counted under a shared limit.", purpose
        )
    window = settings.COMMENTS_RATE_WINDOW
    limit = settings.COMMENTS_RATE_LIMIT if limit is None else limit
    key = f"comments:{purpose}-from:{ip_hash or UNKNOWN_ADDRESS}"
    # The window starts with the first post and is not extended by later ones.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    if count is None:
        # The cache is away (Redis stopped): the record says how many there were.
        count = recent_from(ip_hash, purpose=purpose, window=window) + 1
    if count > limit:
        raise TooManyComments(retry_after=window)


def recent_from(ip_hash, *, purpose, window):
    """How many comments (or reports) the address stored within the last `window` seconds."""
    since = timezone.now() - timedelta(seconds=window)
    if purpose == "reports":
        return Report.objects.filter(ip_hash=ip_hash, reported_at__gte=since).count()
    return Comment.objects.filter(ip_hash=ip_hash, created_at__gte=since).count()


def post_comment(*, article, form: CommentForm, address: str | None, user_agent: str) -> Comment:
    """File a validated comment on `article`: pending, unless the policy decides at once.

    A duplicate of a comment already on record stores nothing and returns that comment,
    so the reader gets the same answer as for a new one.
    """
    ip_hash = address_hash(address)
    data = form.cleaned_data
    submission = Submission(
        article_id=article.pk,
        author_name=data["author_name"],
        email=data["email"],
        email_hash=email_hash(data["email"]),
        ip_hash=ip_hash,
        body=data["body"],
        website=data.get("website", ""),
        served_at=form.served_at,
    )
    review = moderation_policy.review(submission)
    if review.verdict == Verdict.REFUSE:
        raise CommentRefused(review.summary())
    take_allowance(ip_hash)
    duplicate = Comment.objects.filter(
        article=article,
        author_name=submission.author_name,
        body=submission.body,
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if duplicate is not None:
        return duplicate
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article,
            parent=form.reply_to(),
            author_name=submission.author_name,
            email=submission.email,
            email_hash=submission.email_hash,
            notify=data.get("notify", False),
            body=submission.body,
            status=Comment.Status.PENDING,
            held_reasons=review.reasons(),
            ip_hash=ip_hash,
            user_agent=user_agent[: Comment._meta.get_field("user_agent").max_length],
        )
        # Every comment arrives pending; the policy's own decisions are on record as such.
        if review.verdict == Verdict.SPAM:
            comment.mark_spam(by=AUTOMATIC, reason=review.summary())
        elif review.verdict == Verdict.APPROVE:
            comment.approve(by=AUTOMATIC, reason=review.summary())
    return comment


def report_comment(*, form: ReportForm, address: str | None) -> Report:
    """File a reader's report of an approved comment; hold it at COMMENTS_REPORT_THRESHOLD.

    One report per reader (by hashed address) per comment: a second one stores nothing
    and returns the first. Below the threshold the comment stays on the site until a
    moderator decides; at it, the policy holds it, as a recorded decision. Raises
    CommentNotShown when the comment has left the site meanwhile.
    """
    ip_hash = address_hash(address)
    comment = form.comment
    existing = Report.objects.filter(comment=comment, ip_hash=ip_hash).first()
    if existing is not None:
        return existing
    take_allowance(ip_hash, purpose="reports", limit=settings.COMMENTS_REPORT_RATE_LIMIT)
    with transaction.atomic():
        # The comment's row is locked and read again first: concurrent reports count one
        # after another, and one arriving after the threshold held it stores nothing.
        still_shown = Comment.objects.select_for_update().approved().filter(pk=comment.pk)
        if not list(still_shown.values_list("pk", flat=True)):
            raise CommentNotShown(comment.pk)
        report, created = Report.objects.get_or_create(
            comment=comment,
            ip_hash=ip_hash,
            defaults={"reason": form.cleaned_data["reason"], "note": form.cleaned_data["note"]},
        )
        if not created:
            return report
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        comment.refresh_from_db(fields=["report_count", "status", "version"])
        hold = moderation_policy.reports(comment)
        if hold is not None:
            Comment.objects.filter(pk=comment.pk).decide(
                Comment.Status.PENDING,
                by=AUTOMATIC,
                reason=hold.reason,
                kind=Decision.Kind.REPORTS_HOLD,
            )
    return report
