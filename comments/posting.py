"""Posting a reader's comment: rate-limited per address, saved as pending for moderation."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from comments.forms import CommentForm
from comments.models import Comment


class TooManyComments(Exception):
    """The address has posted its allowance for now."""

    def __init__(self, retry_after):
        super().__init__(f"Too many comments; try again in {retry_after} seconds.")
        self.retry_after = retry_after


def _take_allowance(ip_address):
    """Count one post from `ip_address`; raise TooManyComments once over the limit."""
    if not ip_address:
        return
    window = settings.COMMENTS_RATE_WINDOW
    key = f"comments:posts-from:{ip_address}"
    # The window starts with the first post and is not extended by later ones.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    if count > settings.COMMENTS_RATE_LIMIT:
        raise TooManyComments(retry_after=window)


def post_comment(*, article, form: CommentForm, ip_address: str | None, user_agent: str) -> Comment:
    """Save a validated comment on `article` as pending, with where it came from."""
    _take_allowance(ip_address)
    comment = form.save(commit=False)
    comment.article = article
    comment.status = Comment.Status.PENDING
    comment.ip_address = ip_address
    comment.user_agent = user_agent[: Comment._meta.get_field("user_agent").max_length]
    with transaction.atomic():
        comment.save()
    return comment
