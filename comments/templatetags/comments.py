"""The comment section of a page, rendered by the comments app: `{% comment_section article thread %}`.

As django-contrib-comments' `render_comment_form`, the page that shows comments needs to
know nothing of how they are stored, posted or moderated: its view reads the thread
(`article.comments.thread()`, see comments/threads.py) and this tag renders it.
"""

from django import template
from django.urls import reverse
from django.utils.timesince import timesince

from comments.forms import CommentForm

register = template.Library()


@register.inclusion_tag("comments/includes/comments.html", takes_context=True)
def comment_section(context, article, thread):
    """One page of `thread`, the reader's messages, and the comment form (or why there is
    none)."""
    accepts_comments = article.accepts_comments()
    link_actions(thread.page.object_list)
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


def link_actions(comments):
    """Give each comment on the page, and each reply, the addresses of its Reply and
    Report links (`reply_url`, `report_url`)."""
    reply, report = address_maker("comments:reply"), address_maker("comments:report")
    for comment in comments:
        for shown in [comment, *comment.shown_replies]:
            shown.reply_url, shown.report_url = reply(shown.pk), report(shown.pk)


def address_maker(name):
    """`reverse(name, args=[pk])` for a page of comments at the cost of one reverse (a
    page of 50 comments would otherwise reverse 100 addresses): made once with a marker
    in place of the number, which each comment's own number replaces."""
    marker = "9876543210"
    head, found, tail = reverse(name, args=[int(marker)]).partition(marker)
    if not found:
        return lambda pk: reverse(name, args=[pk])
    return lambda pk: f"{head}{pk}{tail}"


@register.filter
def time_ago(moment):
    """ "3 hours ago": the largest unit only, as the page's script recounts it in the browser."""
    return f"{timesince(moment, depth=1)} ago"
