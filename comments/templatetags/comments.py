"""The comment section of a page, rendered by the comments app: `{{ comment_section(article,
thread) }}` on the public site's pages (newsroom/jinja2.py renders
`comments/includes/comments.html` with what it returns).

As django-contrib-comments' `render_comment_form`, the page that shows comments needs to
know nothing of how they are stored, posted or moderated: its view reads the thread
(`article.comments.thread()`, see comments/threads.py) and this tag renders it.
"""

from datetime import datetime
from functools import cache

from django import template
from django.urls import reverse
from django.utils.html import avoid_wrapping
from django.utils.timesince import timesince
from django.utils.translation import get_language, ngettext

from comments.forms import CommentForm

register = template.Library()


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


# timesince's units under a month, with its own words (so its translations apply).
UNITS = [
    (60 * 60 * 24 * 7, "%(num)d week", "%(num)d weeks"),
    (60 * 60 * 24, "%(num)d day", "%(num)d days"),
    (60 * 60, "%(num)d hour", "%(num)d hours"),
    (60, "%(num)d minute", "%(num)d minutes"),
]
# No calendar month is shorter: under this, timesince counts no months or years.
FOUR_WEEKS = 60 * 60 * 24 * 28


@register.filter
def time_ago(moment):
    """ "3 hours ago": the largest unit only, as the page's script recounts it in the browser.

    The words are `timesince(moment, depth=1)`'s. Under four weeks, a page of comments'
    usual case, they are counted here, and each count's words translated once per language
    (a translation costs more than the rest of the filter); timesince counts the months
    and years beyond."""
    seconds = (datetime.now(moment.tzinfo) - moment).total_seconds()
    if seconds >= FOUR_WEEKS:
        return f"{timesince(moment, depth=1)} ago"
    return f"{unit_words(get_language(), *largest_unit(seconds))} ago"


def largest_unit(seconds):
    """(count, singular, plural) of the largest unit `seconds` hold; none: 0 minutes."""
    for chunk, singular, plural in UNITS:
        if seconds >= chunk:
            return int(seconds // chunk), singular, plural
    return 0, *UNITS[-1][1:]


@cache
def unit_words(language, count, singular, plural):
    """ "3\xa0hours" in `language`, the active one: a few hundred counts and units at most."""
    return avoid_wrapping(ngettext(singular, plural, count) % {"num": count})
