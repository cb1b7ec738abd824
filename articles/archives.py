"""Date archives: live articles by year, month and day, in the newsroom's time zone.

Django's date-based generic views over `published()`, as djangoproject.com's weblog does:
the days are the newsroom's (`TIME_ZONE`), and the previous and next links skip to the
nearest period that has articles.
"""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.views.generic.dates import (
    ArchiveIndexView,
    DayArchiveView,
    MonthArchiveView,
    YearArchiveView,
)

from articles.models import Article


class ArchiveMixin:
    """What the three archive pages share: the live articles, newest first, paginated."""

    template_name = "articles/article_archive.html"
    context_object_name = "articles"
    date_field = "publish_at"
    month_format = "%m"
    day_format = "%d"
    ordering = ("-publish_at", "-news_id")
    allow_future = False
    allow_empty = False

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        # Also where the previous and next periods are looked up: one row each. Only the
        # years an editor may enter: a date stored before (year 1, from an import or an
        # old form) has no archive address, and must not break the pages that link years.
        earliest = datetime(settings.NEWSROOM_EARLIEST_YEAR, 1, 1)
        return Article.objects.published().filter(publish_at__gte=timezone.make_aware(earliest))

    def get_dated_queryset(self, **lookup):
        return super().get_dated_queryset(**lookup).for_lists()

    def link(self, moment, label_format):
        """A (url, label) pair for the archive page of `moment`, or None."""
        if moment is None:
            return None
        return (self.url_for(moment), moment.strftime(label_format).lstrip("0"))


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
                (reverse("articles:archive_year", kwargs={"year": year.year}), f"{year.year}")
                for year in context["date_list"]
            ],
        )
        return context


class YearArchive(ArchiveMixin, YearArchiveView):
    make_object_list = True

    def url_for(self, moment):
        return reverse("articles:archive_year", kwargs={"year": moment.year})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"]
        context.update(
            list_title=f"{year.year}",
            list_description=f"Articles published in {year.year}.",
            previous_link=self.link(context["previous_year"], "%Y"),
            next_link=self.link(context["next_year"], "%Y"),
            period_links=[
                (
                    reverse(
                        "articles:archive_month", kwargs={"year": month.year, "month": month.month}
                    ),
                    month.strftime("%B"),
                )
                for month in context["date_list"]
            ],
        )
        return context


class MonthArchive(ArchiveMixin, MonthArchiveView):
    def url_for(self, moment):
        return reverse(
            "articles:archive_month", kwargs={"year": moment.year, "month": moment.month}
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = context["month"]
        context.update(
            list_title=month.strftime("%B %Y"),
            list_description=f"Articles published in {month.strftime('%B %Y')}.",
            previous_link=self.link(context["previous_month"], "%B %Y"),
            next_link=self.link(context["next_month"], "%B %Y"),
            period_links=[
                (
                    reverse(
                        "articles:archive_day",
                        kwargs={"year": day.year, "month": day.month, "day": day.day},
                    ),
                    day.strftime("%d %B").lstrip("0"),
                )
                for day in context["date_list"]
            ],
        )
        return context


class DayArchive(ArchiveMixin, DayArchiveView):
    def url_for(self, moment):
        return reverse(
            "articles:archive_day",
            kwargs={"year": moment.year, "month": moment.month, "day": moment.day},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = context["day"]
        label = day.strftime("%d %B %Y").lstrip("0")
        context.update(
            list_title=label,
            list_description=f"Articles published on {label}.",
            previous_link=self.link(context["previous_day"], "%d %B %Y"),
            next_link=self.link(context["next_day"], "%d %B %Y"),
        )
        return context
