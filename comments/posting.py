"""Posting a reader's comment: rate limit, policy, duplicates, and the comment on record.

One keyword-only function the view calls; the form has already validated what the reader
typed and the token the page was served with.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from comments.forms import CommentForm
from comments.models import AUTOMATIC, Comment
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


def take_allowance(ip_hash):
    """Count one post from the address `ip_hash` stands for; raise TooManyComments when over."""
    if not ip_hash:
        logger.warning("Comment post without a usable address; counted under a shared limit.")
    window = settings.COMMENTS_RATE_WINDOW
    key = f"comments:posts-from:{ip_hash or UNKNOWN_ADDRESS}"
    # The window starts with the first post and is not extended by later ones.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    if count > settings.COMMENTS_RATE_LIMIT:
        raise TooManyComments(retry_after=window)


def is_trusted(commenter_email_hash):
    """Whether the commenter has earned going live at once (off unless the setting is set)."""
    needed = settings.COMMENTS_AUTO_APPROVE_AFTER
    if not needed or not commenter_email_hash:
        return False
    record = Comment.objects.filter(email_hash=commenter_email_hash)
    if record.filter(status__in=[Comment.Status.REJECTED, Comment.Status.SPAM]).exists():
        return False
    return record.approved().count() >= needed


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
    trusted = review.verdict == Verdict.ALLOW and is_trusted(submission.email_hash)
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article,
            author_name=submission.author_name,
            email=submission.email,
            email_hash=submission.email_hash,
            body=submission.body,
            status=Comment.Status.PENDING,
            held_reasons=review.reasons(),
            ip_hash=ip_hash,
            user_agent=user_agent[: Comment._meta.get_field("user_agent").max_length],
        )
        # Every comment arrives pending; the policy's own decisions are on record as such.
        if review.verdict == Verdict.SPAM:
            comment.mark_spam(by=AUTOMATIC, reason=review.summary())
        elif trusted:
            comment.approve(by=AUTOMATIC, reason="trusted commenter: no rule held it")
    return comment
