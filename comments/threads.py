"""A thread of approved comments as the article page shows it.

A long thread comes in pages of COMMENTS_PER_PAGE top-level comments, each with its
replies, at `?comments=2` and on; `?sort=` orders it picks first (the default), oldest or
newest first. Plain links: no script is needed to read the whole thread.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from django.utils.http import urlencode

SORTS = {"picks": "Editor's picks first", "oldest": "Oldest first", "newest": "Newest first"}
DEFAULT_SORT = "picks"
# Six digits are a million pages of comments: anything longer is no page at all.
LONGEST_PAGE_NUMBER = 6
# What the thread shows of each comment: nothing of the commenter's own (email, address).
SHOWN = ["article", "parent", "author_name", "body", "created_at", "picked_at"]


@dataclass(frozen=True)
class Position:
    """Which page of the thread a reader asked for, and in what order."""

    number: int
    order: str

    @classmethod
    def parse(cls, page, order):
        """The position `?comments=` and `?sort=` ask for; PageNotAnInteger if the page
        is not a number of one or more. An order there is not reads as the default."""
        page = "1" if page is None else page
        if not page.isdigit() or len(page) > LONGEST_PAGE_NUMBER or int(page) < 1:
            raise PageNotAnInteger("No such page of comments.")
        return cls(number=int(page), order=order if order in SORTS else DEFAULT_SORT)

    def sort_query(self, order=None):
        """`&sort=` for an order other than the default, else nothing."""
        order = order or self.order
        return "" if order == DEFAULT_SORT else "&" + urlencode({"sort": order})


@dataclass
class Thread:
    """What the comment section shows: one page of the thread, and every approved comment
    counted."""

    page: Page
    count: int
    position: Position

    @property
    def orders(self):
        """(label, `&sort=` query, whether it is the order shown) for each order."""
        return [
            (label, self.position.sort_query(order), order == self.position.order)
            for order, label in SORTS.items()
        ]

    @property
    def page_link_end(self):
        """What follows the number in a link to another page of the thread (the order, and
        the section's own anchor)."""
        return f"{self.position.sort_query()}#comments"

    @property
    def canonical_query(self):
        """The page's own address past page 1, as search engines should know it."""
        return f"?comments={self.page.number}" if self.page.number > 1 else ""


def read(approved, *, counted, page=None, order=None):
    """The page of the thread `?comments=` and `?sort=` ask for, from `approved` (one
    article's approved comments, `counted` of them as the article stores it).

    A thread that fits one page is read, and counted, in one query; a longer one in two:
    the page's top-level comments, counted over all of them with a window, then their
    replies. Raises InvalidPage for a page that is not a number or lies past the end."""
    position = Position.parse(page, order)
    top_level = approved.top_level().thread_order(position.order)
    paginator = Paginator(top_level, settings.COMMENTS_PER_PAGE)
    if counted <= paginator.per_page:
        rows = list(approved.thread_order(position.order).only(*SHOWN))
        top = with_replies(rows)
        # A count behind a burst of approvals is caught here and read the long way.
        if len(top) <= paginator.per_page:
            paginator.count = len(top)
            number = paginator.validate_number(position.number)
            return Thread(page=Page(top, number, paginator), count=len(rows), position=position)
    start = (position.number - 1) * paginator.per_page
    top = list(
        top_level.annotate(top_level_count=Window(Count("pk"))).only(*SHOWN)[
            start : start + paginator.per_page
        ]
    )
    # Past the end there is no row to carry the count: that page is not found either way.
    paginator.count = top[0].top_level_count if top else 0
    number = paginator.validate_number(position.number)
    replies = list(approved.filter(parent__in=[comment.pk for comment in top]).only(*SHOWN))
    shown = with_replies([*top, *replies])
    return Thread(page=Page(shown, number, paginator), count=counted, position=position)


def with_replies(rows):
    """The top-level comments among `rows`, in their order, each with its replies among
    `rows` (oldest first) as `shown_replies`."""
    replies = {}
    for reply in sorted(
        (row for row in rows if row.parent_id), key=lambda row: (row.created_at, row.pk)
    ):
        replies.setdefault(reply.parent_id, []).append(reply)
    shown = [comment for comment in rows if comment.parent_id is None]
    for comment in shown:
        comment.shown_replies = replies.get(comment.pk, [])
    return shown
