"""The comment section of a page, rendered by the comments app: `{% comment_section article thread %}`.

As django-contrib-comments' `render_comment_form`, the page that shows comments needs to
know nothing of how they are stored, posted or moderated: its view reads the thread
(`article.comments.thread()`, see comments/threads.py) and this tag renders it.
"""

from django import template
from django.utils.timesince import timesince

from comments.forms import CommentForm

register = template.Library()


@register.inclusion_tag("comments/includes/comments.html", takes_context=True)
def comment_section(context, article, thread):
    """One page of `thread`, the reader's messages, and the comment form (or why there is
    none)."""
    accepts_comments = article.accepts_comments()
    return {
        "article": article,
        "thread": thread,
        "accepts_comments": accepts_comments,
        "comments_closed_at": article.comments_close_at()
        if article.comments_have_closed()
        else None,
        "comment_form": CommentForm(article=article) if accepts_comments else None,
        "messages": context.get("messages"),
    }


@register.filter
def time_ago(moment):
    """ "3 hours ago": the largest unit only, as the page's script recounts it in the browser."""
    return f"{timesince(moment, depth=1)} ago"
