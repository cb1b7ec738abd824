"""The wire desk in the admin: the queue, each item's page, and the providers' health.

Editors and reporters read the queue and fetch items to drafts; what happens to an article
from then on happens through the article's own form and verbs.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from articles.body import render_body
from wire import ingest
from wire.drafting import FETCH_PERMISSIONS, draft_from
from wire.models import IngestRun, Provider, WireItem
from wire.querysets import STATES
from wire.updates import apply_update, changes

# The queue is read from the top: counting a long filtered queue to its end costs a scan
# of it on every page view, so the count stops here.
QUEUE_COUNT_LIMIT = 10_000


class QueuePaginator(Paginator):
    @cached_property
    def count(self):
        return self.object_list.order_by()[:QUEUE_COUNT_LIMIT].count()


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return STATES

    def queryset(self, request, queryset):
        if self.value() in dict(STATES):
            return queryset.in_state(self.value())
        return queryset


@admin.register(WireItem)
class WireItemAdmin(admin.ModelAdmin):
    """The wire queue: newest first, read-only; an item's page fetches it to a draft."""

    list_display = [
        "received_at",
        "urgency",
        "provider",
        "slugline",
        "headline",
        "located",
        "version_label",
        "state",
    ]
    list_display_links = ["headline"]
    list_filter = ["provider", StateFilter]
    search_fields = ["headline", "slugline", "located", "=uri"]
    list_select_related = ["provider"]
    ordering = ["-received_at", "-pk"]
    list_per_page = 50
    # The queue is long: counting all of it on every page view costs more than it tells.
    show_full_result_count = False
    paginator = QueuePaginator
    change_form_template = "admin/wire/wireitem/item.html"
    change_list_template = "admin/wire/wireitem/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def may_fetch(self, request):
        return all(request.user.has_perm(permission) for permission in FETCH_PERMISSIONS)

    def changelist_view(self, request, extra_context=None):
        providers = list(Provider.objects.active())
        for provider in providers:
            provider.last_check = ingest.last_check(provider)
        return super().changelist_view(
            request, {**(extra_context or {}), "providers": providers, "title": "Wire queue"}
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            story = obj.current_version().story()
            credit = story.credit or obj.provider.credit
            # Held to the article body rule (nh3) as it arrived, and rendered by it again.
            copy = mark_safe(render_body(story.body, dateline=story.located, source=credit))
            context.update(
                item=obj,
                story=story,
                copy=copy,
                versions=obj.versions.all(),
                may_fetch=self.may_fetch(request) and not obj.is_killed(),
                title=f"Wire item from {obj.provider}: {obj.slugline or obj.uri}",
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/fetch/",
                self.admin_site.admin_view(self.fetch_view),
                name="wire_wireitem_fetch",
            ),
            path(
                "<path:object_id>/apply-update/",
                self.admin_site.admin_view(self.apply_update_view),
                name="wire_wireitem_apply_update",
            ),
            *super().get_urls(),
        ]

    def fetch_view(self, request, object_id):
        """Fetch to draft, then on to the draft's form; the same draft if fetched before."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        item = get_object_or_404(WireItem, pk=_number(unquote(object_id)))
        if not self.may_fetch(request):
            raise PermissionDenied
        try:
            article = draft_from(item, by=request.user)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:wire_wireitem_change", args=[item.pk]))
        self.message_user(request, "Fetched to a draft: edit it, then publish.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def apply_update_view(self, request, object_id):
        """What the update changes, to confirm; then merged into the article, back to its form."""
        item = get_object_or_404(WireItem, pk=_number(unquote(object_id)))
        if not self.has_view_permission(request, item):
            raise PermissionDenied
        if request.method != "POST":
            return TemplateResponse(
                request,
                "admin/wire/wireitem/apply_update.html",
                {
                    **self.admin_site.each_context(request),
                    "title": f"Apply the agency's update: {item}",
                    "item": item,
                    "changes": changes(item) if item.has_update() else [],
                    "opts": self.model._meta,
                },
            )
        try:
            taken, kept = apply_update(item, by=request.user)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
        else:
            self.message_user(request, _update_report(item, taken, kept), messages.SUCCESS)
        if item.article_id is None:
            return HttpResponseRedirect(reverse("admin:wire_wireitem_change", args=[item.pk]))
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[item.article_id])
        )


def _update_report(item, taken, kept):
    live = item.article.status == item.article.Status.PUBLISHED
    parts = []
    if taken:
        where = "a pending revision: publish it when ready" if live else "the draft"
        parts.append(f"The agency's {', '.join(taken).lower()} went into {where}.")
    else:
        parts.append("Nothing of the update needed taking in.")
    if kept:
        parts.append(f"Your own {', '.join(kept).lower()} stayed as you wrote it.")
    return " ".join(parts)


def _number(value):
    return int(value) if value.isdigit() and len(value) < 10 else 0


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "credit",
        "active",
        "poll_minutes",
        "last_item_at",
        "has_gone_quiet",
        "last_error_at",
    ]
    list_filter = ["active", "kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["last_item_at", "last_error_at", "error", "last_check"]
    actions = ["read_now"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "location", "credit", "section"]}),
        ("Polling", {"fields": ["active", "poll_minutes", "quiet_after_minutes"]}),
        ("Health", {"fields": ["last_check", "last_item_at", "last_error_at", "error"]}),
    ]

    @admin.display(description="last error")
    def error(self, provider):
        return provider.last_error or "-"

    @admin.display(description="last run")
    def last_check(self, provider):
        checked = ingest.last_check(provider)
        if not checked:
            return "-"
        when = date_format(timezone.localtime(checked["at"]), "DATETIME_FORMAT")
        return f"{when}: {checked['summary']}"

    @admin.action(description="Read the selected providers now", permissions=["change"])
    def read_now(self, request, queryset):
        for provider in queryset:
            tally = ingest.run(provider)
            if tally is None:
                self.message_user(request, f"{provider}: being read already.", messages.WARNING)
            else:
                level = messages.WARNING if tally.errors else messages.SUCCESS
                self.message_user(request, f"{provider}: {tally.summary()}.", level)


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "provider", "new", "updated", "unchanged", "killed", "errors"]
    list_filter = ["provider"]
    list_select_related = ["provider"]
    readonly_fields = [
        "provider",
        "started_at",
        "finished_at",
        "new",
        "updated",
        "unchanged",
        "killed",
        "errors",
        "messages",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
