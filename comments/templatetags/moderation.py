"""The moderator's home on the desk: `{% moderation_desk %}` at the top of the admin index.

A moderator lands on the admin's index: this puts the queue first, with what is Pending
and Reported and the comments waiting longest, before the list of screens.
"""

from django import template

from comments.models import Comment
from comments.permissions import MODERATE_PERMISSION

register = template.Library()

# The comments waiting longest, shown on the home page; the queue has the rest.
OLDEST_SHOWN = 5


@register.inclusion_tag("admin/comments/moderation_desk.html", takes_context=True)
def moderation_desk(context):
    """For moderators: the queue's counts and its oldest comments; nothing for others."""
    if not context["request"].user.has_perm(MODERATE_PERMISSION):
        return {"show": False}
    return {
        "show": True,
        "counts": Comment.objects.queue_counts(),
        "oldest": Comment.objects.pending()
        .select_related("article")
        .order_by("created_at", "pk")[:OLDEST_SHOWN],
    }
