"""Date archives: live articles by year, month and day, in the newsroom's time zone.

Django's date-based generic views over `published()`, as djangoproject.com's weblog does:
the days are the newsroom's (`TIME_ZONE`), and the previous and next links skip to the
nearest period that has articles. The three periods differ only by the table `PERIODS`:
one class, `PeriodArchive`, reads it. Each page is a dense list by time (time, section,
headline), like a wire service's index.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_moment
from django.views.generic.dates import (
    ArchiveIndexView,
    DayArchiveView,
    MonthArchiveView,
    YearArchiveView,
)

from articles.models import Article
from newsroom.templatetags.times import DATE_ALONE


class ArchiveMixin:
    """What every archive page shares: the live articles, newest first, paginated."""

    template_name = "articles/article_archive.html"
    context_object_name = "articles"
    date_field = "publish_at"
    month_format = "%m"
    day_format = "%d"
    ordering = ("-publish_at", "-news_id")
    allow_future = False
    allow_empty = False

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_ARCHIVE_PER_PAGE

    def get_queryset(self):
        # Also where the previous and next periods are looked up: one row each. Only the
        # years an editor may enter: a date stored before (year 1, from an import or an
        # old form) has no archive address, and must not break the pages that link years.
        earliest = datetime(settings.NEWSROOM_EARLIEST_YEAR, 1, 1)
        return Article.objects.published().filter(publish_at__gte=timezone.make_aware(earliest))

    def get_dated_queryset(self, **lookup):
        # A line a story: its time, section and headline; no picture, no comment count.
        return super().get_dated_queryset(**lookup).for_rails()


@dataclass(frozen=True)
class Period:
    """One kind of archive page: Django's view for it, its address, and how it is named."""

    view: type
    url_name: str
    parts: tuple  # the address's parts that name one period of this kind
    label: str  # how a period of this kind is written, as a `date` filter format
    preposition: str  # "Articles published in 2025", "… on 12 March 2025"
    within: "str | None" = None  # the kind of period linked within it
    options: dict = field(default_factory=dict)

    def url(self, moment):
        return reverse(
            f"articles:{self.url_name}",
            kwargs={part: getattr(moment, part) for part in self.parts},
        )

    def name(self, moment):
        return format_moment(moment, self.label)


PERIODS = {
    "year": Period(
        YearArchiveView,
        "archive_year",
        ("year",),
        "Y",
        "in",
        within="month",
        options={"make_object_list": True},
    ),
    "month": Period(
        MonthArchiveView, "archive_month", ("year", "month"), "F Y", "in", within="day"
    ),
    "day": Period(DayArchiveView, "archive_day", ("year", "month", "day"), DATE_ALONE, "on"),
}
# How a period is named in the list of those within a larger one: "March", "02 March"
# (the site's date without its year).
WITHIN_LABELS = {"month": "F", "day": "d F"}


class PeriodArchive(ArchiveMixin):
    """A year's, a month's or a day's page, as the row `kind` of `PERIODS` describes it."""

    kind = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = PERIODS[self.kind]
        moment = context[self.kind]
        label = period.name(moment)
        context.update(
            list_title=label,
            list_description=f"Articles published {period.preposition} {label}.",
            previous_link=self.link(period, context[f"previous_{self.kind}"]),
            next_link=self.link(period, context[f"next_{self.kind}"]),
            period_links=self.links_within(period, context.get("date_list", ())),
            # A day's page is one day: its stories need no day headings.
            by_day=self.kind != "day",
        )
        return context

    @staticmethod
    def link(period, moment):
        """A (url, label) pair for the archive page of `moment`, or None."""
        return None if moment is None else (period.url(moment), period.name(moment))

    @staticmethod
    def links_within(period, moments):
        if period.within is None:
            return []
        smaller = PERIODS[period.within]
        label = WITHIN_LABELS[period.within]
        return [(smaller.url(moment), format_moment(moment, label)) for moment in moments]


def period_archive(kind):
    """The view class of one kind of period: `PeriodArchive` on Django's view for it."""
    period = PERIODS[kind]
    return type(
        f"{kind.title()}Archive",
        (PeriodArchive, period.view),
        {"kind": kind, "__doc__": f"The archive of one {kind}.", **period.options},
    )


YearArchive = period_archive("year")
MonthArchive = period_archive("month")
DayArchive = period_archive("day")


class ArchiveIndex(ArchiveMixin, ArchiveIndexView):
    """The archive's front: the years that have articles, and the latest articles."""

    date_list_period = "year"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_title="The archive",
            list_title="The archive",
            list_description=f"Every article {settings.NEWSROOM_SITE_NAME} has published, by date.",
            period_links=[
                (PERIODS["year"].url(year), f"{year.year}") for year in context["date_list"]
            ],
            by_day=True,
        )
        return context
