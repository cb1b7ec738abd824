"""The comment section of a page, rendered by the comments app: `{% comment_section article %}`.

As django-contrib-comments' `render_comment_form`, the page that shows comments needs to
know nothing of how they are stored, posted or moderated.

A long thread comes in pages of COMMENTS_PER_PAGE top-level comments, each with its
replies, at `?comments=2` and on; `?sort=` orders it picks first (the default), oldest or
newest first. Plain links: no script is needed to read the whole thread.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.timesince import timesince

from comments.forms import CommentForm
from pagecache.middleware import keep_no_later_than
from pagecache.versions import section_version

register = template.Library()

SORTS = {"picks": "Editor's picks first", "oldest": "Oldest first", "newest": "Newest first"}
DEFAULT_SORT = "picks"


@dataclass(frozen=True)
class ThreadPosition:
    """Which page of the thread a reader asked for, and in what order."""

    number: int
    order: str

    @classmethod
    def from_request(cls, request):
        query = request.GET if request is not None else {}
        page = query.get("comments", "1")
        order = query.get("sort", DEFAULT_SORT)
        if not page.isdigit() or int(page) < 1 or len(page) > 6:
            raise Http404("No such page of comments.")
        return cls(number=int(page), order=order if order in SORTS else DEFAULT_SORT)

    def query(self, number=None, order=None):
        """The query string for another page or order of the same thread."""
        order = order or self.order
        params = {"comments": number or 1}
        if order != DEFAULT_SORT:
            params["sort"] = order
        return urlencode(params)


@dataclass
class Thread:
    """What the section shows: one page of the thread, and every approved comment counted."""

    page: Page
    count: int


def thread(article, position):
    """The page of the thread `position` asks for, in two queries however long the thread:
    the counts, then the page's top-level comments together with their approved replies."""
    approved = article.comments.approved()
    counts = approved.aggregate(
        total=Count("pk"), top_level=Count("pk", filter=Q(parent__isnull=True))
    )
    top_level = approved.top_level().thread_order(position.order)
    paginator = Paginator(top_level, settings.COMMENTS_PER_PAGE)
    # Counted already, with the total: the paginator need not count again.
    paginator.count = counts["top_level"]
    try:
        number = paginator.validate_number(position.number)
    except InvalidPage:
        raise Http404("No such page of comments.") from None
    start = (number - 1) * paginator.per_page
    shown = []
    if paginator.count:
        on_page = top_level.values("pk")[start : start + paginator.per_page]
        rows = list(
            approved.filter(Q(pk__in=on_page) | Q(parent__in=on_page)).thread_order(position.order)
        )
        shown = [comment for comment in rows if comment.parent_id is None]
        replies = {}
        for reply in sorted(
            (row for row in rows if row.parent_id), key=lambda row: (row.created_at, row.pk)
        ):
            replies.setdefault(reply.parent_id, []).append(reply)
        for comment in shown:
            comment.shown_replies = replies.get(comment.pk, [])
    return Thread(page=Page(shown, number, paginator), count=counts["total"])


@register.inclusion_tag("comments/includes/comments.html", takes_context=True)
def comment_section(context, article):
    """Approved comments on `article` (one page of the thread), the reader's messages, and
    the comment form.

    The section is rendered once and kept (`{% cache %}`) under the article's version,
    the page and order asked for, and whether comments are open, which every decision and
    every change of the article renews; comments are read only when the kept copy is
    missing. The page itself is kept no later than the moment comments close.
    """
    request = context.get("request")
    position = ThreadPosition.from_request(request)
    close_at = article.comments_close_at()
    if close_at is not None and close_at > timezone.now() and request is not None:
        keep_no_later_than(request, close_at)
    return {
        "article": article,
        "position": position,
        "sorts": SORTS,
        "thread": SimpleLazyObject(lambda: thread(article, position)),
        "comments_closed_at": close_at if article.comments_have_closed() else None,
        "comment_form": SimpleLazyObject(lambda: CommentForm(article=article)),
        "messages": context.get("messages"),
        "section_version": SimpleLazyObject(lambda: section_version(article.pk)),
        "section_seconds": settings.NEWSROOM_PAGE_CACHE_SECONDS,
    }


@register.simple_tag(takes_context=True)
def thread_url(context, number=None, order=None):
    """A link to another page or order of the thread shown on this page."""
    return "?" + context["position"].query(number, order)


@register.simple_tag(takes_context=True)
def comment_page_url(context, article):
    """The canonical address of the article page being shown: `?comments=N` past page 1."""
    request = context.get("request")
    url = article.get_absolute_url()
    page = request.GET.get("comments", "") if request is not None else ""
    if page.isdigit() and int(page) > 1:
        url += "?" + urlencode({"comments": int(page)})
    return url


@register.filter
def time_ago(moment):
    """ "3 hours ago": the largest unit only, as the page's script recounts it in the browser."""
    return f"{timesince(moment, depth=1)} ago"
