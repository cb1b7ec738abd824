"""Posting a reader's comment: it is saved as pending, for the moderation queue."""

from django.db import transaction

from comments.forms import CommentForm
from comments.models import Comment


def post_comment(*, article, form: CommentForm, ip_address: str | None, user_agent: str) -> Comment:
    """Save a validated comment on `article` as pending, with where it came from."""
    comment = form.save(commit=False)
    comment.article = article
    comment.status = Comment.Status.PENDING
    comment.ip_address = ip_address
    comment.user_agent = user_agent[: Comment._meta.get_field("user_agent").max_length]
    with transaction.atomic():
        comment.save()
    return comment
