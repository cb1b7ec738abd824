"""What the moderation desk's lists may be filtered by, and by whom.

The queue's sidebar offers its views (Pending, Reported, Approved, Rejected, Spam) and a
search for the article. Beyond those, a URL may carry Django's field lookups; those on a
commenter's own data (their email, the hashes that stand for their email and address)
are only for staff who may see that data, since a filter that answers one row or none
tells an email as surely as showing it, and a hash groups a commenter's comments.
"""

from django.contrib import admin
from django.db.models.constants import LOOKUP_SEP

from comments.permissions import MODERATE_PERMISSION
from newsroom.admin_site import OfferedLookupsOnly

QUEUE_VIEWS = [
    ("pending", "Pending"),
    ("reported", "Reported"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("spam", "Spam"),
]


def queue_view(request):
    """The queue view a request asks for; Pending unless it names another."""
    view = request.GET.get("view", "pending")
    return view if view in dict(QUEUE_VIEWS) else "pending"


# What a moderator may ask of a commenter's data in the URL: the record's links (a hash,
# exactly) and a search by email. Never a pattern: a broken one is a database error.
MODERATOR_COMPARISONS = frozenset({"exact", "iexact", "contains", "icontains"})


class CommenterDataLookups(OfferedLookupsOnly):
    """URL lookups on `commenter_fields`: offered to moderators only (the record's links, a
    search by email), with `MODERATOR_COMPARISONS`; other lookups as every list has them.
    A refused lookup answers 400 Bad Request (DisallowedModelAdminLookup)."""

    commenter_fields = frozenset()

    def lookup_allowed(self, lookup, value, request):
        field, _, comparison = lookup.partition(LOOKUP_SEP)
        if field in self.commenter_fields:
            return (
                request.user.has_perm(MODERATE_PERMISSION)
                and (comparison or "exact") in MODERATOR_COMPARISONS
            )
        return super().lookup_allowed(lookup, value, request)


class QueueViewFilter(admin.SimpleListFilter):
    """Pending, Reported, Approved, Rejected, Spam: one at a time, Pending by default."""

    title = "queue"
    parameter_name = "view"
    template = "admin/comments/queue_view_filter.html"

    def lookups(self, request, model_admin):
        return QUEUE_VIEWS

    def value(self):
        return queue_view(self.request)

    def choices(self, changelist):
        # The queue counts what waits once per page (CommentAdmin.changelist_view).
        counts = getattr(self.request, "queue_counts", {})
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}, remove=["p"]
                ),
                "display": f"{title} ({counts[lookup]})" if lookup in counts else title,
                "title": title,
                "count": counts.get(lookup),
                "view": lookup,
            }

    def queryset(self, request, queryset):
        return queryset.in_view(self.value())


class ArticleFilter(admin.ListFilter):
    """Comments on one article, found by News ID or words of its headline: a search box,
    not a list of every article."""

    title = "article"
    parameter_name = "article"
    template = "admin/comments/article_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        value = params.pop(self.parameter_name, "")
        if isinstance(value, list):
            value = value[-1] if value else ""
        self.value = value.replace("\x00", "").strip()[:200]
        if self.value:
            self.used_parameters[self.parameter_name] = self.value

    def has_output(self):
        return True

    def expected_parameters(self):
        return [self.parameter_name]

    def queryset(self, request, queryset):
        if not self.value:
            return queryset
        if self.value.isdigit():
            return queryset.filter(article__news_id=int(self.value))
        return queryset.filter(article__headline__icontains=self.value)

    def choices(self, changelist):
        yield {
            "value": self.value,
            "view": queue_view(self.request),
            "clear": changelist.get_query_string(remove=[self.parameter_name, "p"]),
        }
