"""The moderation queue and each comment's page.

The queue is Django's change list made into an inbox: it opens on Pending, oldest first,
with what is Pending and Reported counted on its tabs; each row carries the whole comment,
why it was held and the commenter's record (a link to the commenter's page,
comments/admin/commenters.py), and decides in place (the decide view,
comments/admin/decisions.py). Moderators search it by words, name or a whole email.
Editors read the queue and a comment's page to pick comments, without the commenter's
email or record.
"""

import json

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from comments import privacy
from comments.admin.bans import BanView
from comments.admin.commenters import CommenterView
from comments.admin.decisions import DecideView, DecisionInline
from comments.admin.filters import ArticleFilter, CommenterDataLookups, QueueViewFilter, queue_view
from comments.admin.reports import ReportInline
from comments.forms import BanForm, DecisionForm
from comments.models import Comment, Report
from comments.permissions import (
    BAN_PERMISSION,
    COMMENTER_DATA_PERMISSION,
    MODERATE_PERMISSION,
    PICK_PERMISSION,
)
from newsroom.admin import ReadOnlyAdminMixin

# Counted at most, in the Approved, Rejected, Spam and Reported views: 200 pages of 50.
ARCHIVE_COUNT_LIMIT = 10_000


def is_email(text):
    """Whether `text` is a whole email address: a search for one commenter."""
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def seen_versions(request):
    """The version of each comment as the moderator's page showed it: {id: version}."""
    seen = {}
    for name, value in request.POST.items():
        if name.startswith("seen-"):
            try:
                seen[int(name.removeprefix("seen-"))] = int(value)
            except ValueError:
                continue
    return seen


@admin.register(Comment)
class CommentAdmin(
    CommenterDataLookups, ReadOnlyAdminMixin, DecideView, BanView, CommenterView, admin.ModelAdmin
):
    """The moderation queue (the change list), each comment's page, and bulk decisions."""

    # The decide column is made per request (get_list_display): it shows what the user may do.
    list_display = ["queue_item", "commenter_record"]
    list_display_links = None
    list_filter = [QueueViewFilter, ArticleFilter]
    list_select_related = ["article"]
    search_fields = ["body", "author_name"]
    actions = [
        "approve_selected",
        "reject_selected",
        "mark_selected_as_spam",
        "export_commenter_data",
        "erase_commenter_data",
    ]
    fields = [
        "on_article",
        "author_name",
        "email",
        "body",
        "created_at",
        "status",
        "held",
        "record",
        "user_agent",
        "personal_data_cleared_at",
    ]
    readonly_fields = fields
    # Shown to moderators only (get_fields), and so filtered by them only.
    commenter_fields = frozenset({"email", "email_hash", "ip_hash", "user_agent", "notify"})
    inlines = [DecisionInline, ReportInline]
    list_per_page = settings.COMMENTS_QUEUE_PAGE_SIZE
    # The full count would scan every comment on record; the queue's own count is enough.
    show_full_result_count = False
    # Counts per view would each scan the table; the heading says what waits.
    show_facets = admin.ShowFacets.NEVER

    class Media:
        css = {"all": ["comments/queue.css"]}
        js = ["comments/queue.js"]

    # Permissions: decisions and bans go through the verbs; nothing is added, edited by
    # form or deleted (rejected and spam comments stay on record).

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE_PERMISSION)

    def has_manage_commenter_data_permission(self, request):
        return request.user.has_perm(COMMENTER_DATA_PERMISSION)

    def has_pick_permission(self, request):
        return request.user.has_perm(PICK_PERMISSION)

    def get_fields(self, request, obj=None):
        # Editors come to pick comments: the commenter's email and record are moderators' own.
        if self.has_moderate_permission(request):
            return self.fields
        return [f for f in self.fields if f not in {"email", "record", "user_agent"}]

    def get_list_display(self, request):
        may = {
            "moderate": self.has_moderate_permission(request),
            "pick": self.has_pick_permission(request),
        }

        @admin.display(description="decide")
        def decide_buttons(comment):
            return render_to_string(
                "admin/comments/comment/decide_buttons.html",
                {
                    "comment": comment,
                    "may": may,
                    "decide_url": reverse("admin:comments_comment_decide", args=[comment.pk]),
                },
            )

        if may["moderate"]:
            return ["queue_item", "commenter_record", decide_buttons]
        return ["queue_item", decide_buttons]

    # The queue

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("article", "parent")
        if self.has_moderate_permission(request):
            queryset = queryset.with_commenter_record()
        if queue_view(request) == "reported":
            # The readers' open reports, for the Reported view's rows: one query per page.
            open_reports = Report.objects.filter(settled_at__isnull=True)
            queryset = queryset.prefetch_related(
                Prefetch("reports", queryset=open_reports, to_attr="open_reports")
            )
        return queryset

    def get_search_results(self, request, queryset, search_term):
        """Words of the comment or the name; for moderators, a whole email finds the
        commenter's comments by its keyed hash, kept after the address itself is cleared."""
        email = search_term.strip()
        if self.has_moderate_permission(request) and is_email(email):
            return queryset.filter(email_hash=privacy.email_hash(email)), False
        return super().get_search_results(request, queryset, search_term)

    def get_ordering(self, request):
        # Pending: oldest first, so nothing waits forever. The other views: newest first.
        if queue_view(request) == "pending":
            return ["created_at", "pk"]
        return ["-created_at", "-pk"]

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        unfiltered = not (request.GET.get("q") or request.GET.get("article"))
        if queue_view(request) == "pending":
            if unfiltered and hasattr(request, "queue_waiting"):
                # The plain Pending view holds exactly what waits: count the backlog once.
                paginator.count = request.queue_waiting
        else:
            # The decided views hold years of comments; a moderator pages through the
            # newest, so counting stops at ARCHIVE_COUNT_LIMIT rather than scanning them all.
            paginator.count = queryset.order_by().values("pk")[:ARCHIVE_COUNT_LIMIT].count()
        return paginator

    def changelist_view(self, request, extra_context=None):
        counts = request.queue_counts = Comment.objects.queue_counts()
        waiting = request.queue_waiting = counts["pending"]
        context = {
            "title": f"Moderation queue: {waiting} waiting",
            "waiting": waiting,
            "queue_view": queue_view(request),
            "may_moderate": self.has_moderate_permission(request),
            "undo_seconds": settings.COMMENTS_UNDO_SECONDS,
            "read_ms": settings.COMMENTS_READ_MS,
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    @admin.display(description="comment")
    def queue_item(self, comment):
        return render_to_string("admin/comments/comment/queue_item.html", {"comment": comment})

    @admin.display(description="commenter's record")
    def commenter_record(self, comment):
        return render_to_string("admin/comments/comment/record.html", {"comment": comment})

    # The comment's page

    @admin.display(description="article")
    def on_article(self, comment):
        """The article as readers see it, so the moderator can read the comment in context."""
        article = comment.article
        return format_html(
            '<a href="{}">{}</a> (News ID {}, {})',
            article.get_absolute_url(),
            article.headline,
            article.news_id,
            article.publication_state().lower(),
        )

    @admin.display(description="held because")
    def held(self, comment):
        return comment.held_summary() or "No rule matched: waiting as every comment does."

    @admin.display(description="commenter's record")
    def record(self, comment):
        record = Comment.objects.filter(pk=comment.pk).with_commenter_record().get()
        return render_to_string("admin/comments/comment/record.html", {"comment": record})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {
            "decision_form": DecisionForm(),
            "ban_form": BanForm(comment=None, auto_id="id_%s"),
            "may_moderate": self.has_moderate_permission(request),
            "may_pick": self.has_pick_permission(request),
            "may_ban": request.user.has_perm(BAN_PERMISSION),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    # Actions on the selected comments

    def _decide_selected(self, request, queryset, status, verb):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if selected and request.POST.get("select_across") != "1":
            # The ticked rows as the moderator saw them, even if one has since left this
            # view: a colleague's decision on it is reported, not silently skipped.
            queryset = Comment.objects.filter(pk__in=[pk for pk in selected if pk.isdigit()])
        outcome = queryset.decide(status, by=request.user, seen=seen_versions(request))
        if outcome.decided:
            self.message_user(
                request, f"{verb} {len(outcome.decided)} comment(s).", messages.SUCCESS
            )
        for stale in outcome.stale:
            self.message_user(request, f"Comment {stale.comment_id}: {stale}", messages.ERROR)
        if not outcome.decided and not outcome.stale:
            self.message_user(request, "Nothing to change.", messages.INFO)

    @admin.action(description="Approve selected comments", permissions=["moderate"])
    def approve_selected(self, request, queryset):
        self._decide_selected(request, queryset, Comment.Status.APPROVED, "Approved")

    @admin.action(description="Reject selected comments", permissions=["moderate"])
    def reject_selected(self, request, queryset):
        self._decide_selected(request, queryset, Comment.Status.REJECTED, "Rejected")

    @admin.action(description="Mark selected comments as spam", permissions=["moderate"])
    def mark_selected_as_spam(self, request, queryset):
        self._decide_selected(request, queryset, Comment.Status.SPAM, "Marked as spam:")

    @admin.action(
        description="Export the data of the selected comments' commenters",
        permissions=["manage_commenter_data"],
    )
    def export_commenter_data(self, request, queryset):
        emails = sorted({email for email in queryset.values_list("email", flat=True) if email})
        export = [privacy.export_commenter(email) for email in emails]
        response = HttpResponse(
            json.dumps(export, indent=2, ensure_ascii=False), content_type="application/json"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="commenter-data-{stamp}.json"'
        return response

    @admin.action(
        description="Erase the data of the selected comments' commenters",
        permissions=["manage_commenter_data"],
    )
    def erase_commenter_data(self, request, queryset):
        emails = {email for email in queryset.values_list("email", flat=True) if email}
        erased = sum(privacy.erase_commenter(email, by=request.user) for email in emails)
        self.message_user(
            request,
            f"Erased the personal data of {len(emails)} commenter(s) from {erased} comment(s); "
            "the decision record is kept.",
            messages.SUCCESS,
        )
