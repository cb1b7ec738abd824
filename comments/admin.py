"""The moderation desk: the queue, each comment's record, the word lists and bans.

The queue is Django's change list made into an inbox: it opens on Pending, oldest first;
each row carries the whole comment, why it was held and the commenter's record, and
decides in place (a small script, or an ordinary POST without it). Every decision goes
through the comment's verbs, which check permission and the version the moderator saw.
"""

import json

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from comments import privacy
from comments.forms import BanForm, DecisionForm, ModerationWordForm
from comments.models import (
    Ban,
    Comment,
    Decision,
    ModerationWord,
    Notification,
    Report,
    StaleDecision,
)

QUEUE_VIEWS = [
    ("pending", "Pending"),
    ("reported", "Reported"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("spam", "Spam"),
]


# Counted at most, in the Approved, Rejected, Spam and Reported views: 200 pages of 50.
ARCHIVE_COUNT_LIMIT = 10_000


def queue_view(request):
    """The queue view a request asks for; Pending unless it names another."""
    view = request.GET.get("view", "pending")
    return view if view in dict(QUEUE_VIEWS) else "pending"


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


class QueueViewFilter(admin.SimpleListFilter):
    """Pending, Reported, Approved, Rejected, Spam: one at a time, Pending by default."""

    title = "queue"
    parameter_name = "view"

    def lookups(self, request, model_admin):
        return QUEUE_VIEWS

    def value(self):
        return queue_view(self.request)

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}, remove=["p"]
                ),
                "display": title,
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


class DecisionInline(admin.TabularInline):
    """The comment's whole history, oldest first; decisions are never edited or removed."""

    model = Decision
    fields = ["decided_at", "kind", "from_status", "to_status", "decided_by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "decisions"

    @admin.display(description="by")
    def decided_by(self, decision):
        return decision.decided_by_name

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderator")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportInline(admin.TabularInline):
    """What readers said when they reported the comment; settled by a moderator's decision."""

    model = Report
    fields = ["reported_at", "reason", "note", "settled_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Decisions the decide view takes besides the status decisions.
DECISION_MESSAGES = {
    "approve": "Approved",
    "reject": "Rejected",
    "spam": "Marked as spam:",
    "dismiss": "Dismissed the reports on",
    "pick": "Made an editor's pick of",
    "unpick": "Took the editor's pick off",
}
ALREADY_MESSAGES = {
    "pick": "The comment by {name} is already an editor's pick; nothing changed.",
    "unpick": "The comment by {name} is no longer an editor's pick; nothing changed.",
}


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
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
    inlines = [DecisionInline, ReportInline]
    list_per_page = settings.COMMENTS_QUEUE_PAGE_SIZE
    # The full count would scan every comment on record; the queue's own count is enough.
    show_full_result_count = False
    # Counts per view would each scan the table; the heading says what waits.
    show_facets = admin.ShowFacets.NEVER

    class Media:
        css = {"all": ["comments/queue.css"]}
        js = ["comments/queue.js"]

    # Permissions: decisions and bans go through the verbs; nothing is edited by form.

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Moderation never deletes: rejected and spam comments stay on record.
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def has_manage_commenter_data_permission(self, request):
        return request.user.has_perm("comments.manage_commenter_data")

    def has_pick_permission(self, request):
        return request.user.has_perm("comments.pick_comment")

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
        waiting = request.queue_waiting = Comment.objects.pending().count()
        context = {
            "title": f"Moderation queue: {waiting} waiting",
            "waiting": waiting,
            "queue_view": queue_view(request),
            "may_moderate": self.has_moderate_permission(request),
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

    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="comments_comment_decide",
            ),
            path(
                "<path:object_id>/ban/",
                self.admin_site.admin_view(self.ban_view),
                name="comments_comment_ban",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {
            "decision_form": DecisionForm(),
            "ban_form": BanForm(comment=None, auto_id="id_%s"),
            "may_moderate": self.has_moderate_permission(request),
            "may_pick": self.has_pick_permission(request),
            "may_ban": request.user.has_perm("comments.add_ban"),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    def _back(self, request, comment):
        # Back where the decision was made: the queue page (its filters and page number
        # kept) or the comment's page, as the browser's Referer says.
        target = (
            request.POST.get("next")
            or request.GET.get("next")
            or request.headers.get("Referer", "")
        )
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(target)
        return redirect("admin:comments_comment_change", comment.pk)

    def decide_view(self, request, object_id):
        """One decision, from a queue row (script or plain POST) or from the comment's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        wants_json = "application/json" in request.headers.get("Accept", "")
        comment = self.get_object(request, object_id)
        if comment is None:
            return self._answer(request, wants_json, None, 404, "No such comment.")
        form = DecisionForm(
            {
                "decision": request.POST.get("decision", ""),
                "version": request.POST.get(f"seen-{comment.pk}", request.POST.get("version", "")),
                "reason": request.POST.get("reason", ""),
            }
        )
        if not form.is_valid():
            return self._answer(request, wants_json, comment, 400, "Choose a decision.")
        decision = form.cleaned_data["decision"]
        reason = form.cleaned_data["reason"]
        seen = form.cleaned_data["version"]
        try:
            if decision == "dismiss":
                comment.dismiss_reports(by=request.user, reason=reason, seen_version=seen)
            elif decision in ("pick", "unpick"):
                verb = comment.pick if decision == "pick" else comment.unpick
                if not verb(by=request.user, reason=reason):
                    # A colleague got there first, from a queue opened before they acted.
                    text = ALREADY_MESSAGES[decision].format(name=comment.display_name)
                    return self._answer(request, wants_json, comment, 200, text)
            else:
                comment.decide(form.status, by=request.user, reason=reason, seen_version=seen)
        except PermissionDenied as refused:
            return self._answer(request, wants_json, comment, 403, str(refused))
        except StaleDecision as stale:
            return self._answer(request, wants_json, comment, 409, str(stale))
        except ValueError as refused:
            return self._answer(request, wants_json, comment, 409, str(refused))
        text = f"{DECISION_MESSAGES[decision]} the comment by {comment.display_name}."
        return self._answer(request, wants_json, comment, 200, text)

    def _answer(self, request, wants_json, comment, status, text):
        if wants_json:
            return JsonResponse(
                {
                    "message": text,
                    "status": comment.status if comment else None,
                    "version": comment.version if comment else None,
                    "waiting": Comment.objects.pending().count(),
                },
                status=status,
            )
        if comment is None:
            return HttpResponse(text, status=status, content_type="text/plain")
        if status == 403:
            raise PermissionDenied(text)
        self.message_user(request, text, messages.SUCCESS if status == 200 else messages.ERROR)
        return self._back(request, comment)

    def ban_view(self, request, object_id):
        """Ban the email or address a comment came from, for a time, with a reason."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = self.get_object(request, object_id)
        if comment is None:
            return HttpResponse("No such comment.", status=404, content_type="text/plain")
        if not request.user.has_perm("comments.add_ban"):
            raise PermissionDenied("Only moderators may ban commenters.")
        form = BanForm(request.POST, comment=comment)
        if not form.is_valid():
            errors = "; ".join(error for errors in form.errors.values() for error in errors)
            self.message_user(request, f"No ban made: {errors}", messages.ERROR)
            return redirect("admin:comments_comment_change", comment.pk)
        ban = Ban.impose(
            comment=comment,
            kind=form.cleaned_data["ban_kind"],
            days=form.cleaned_data["ban_days"] or None,
            reason=form.cleaned_data["ban_reason"],
            by=request.user,
        )
        self.message_user(request, f"Banned: {ban.describe()}.", messages.SUCCESS)
        return redirect("admin:comments_comment_change", comment.pk)

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


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox of mail about comments: what was sent, and what failed and why."""

    list_display = ["subject", "recipient", "kind", "created_at", "sent_at", "attempts"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient", "subject"]
    fields = [
        "kind",
        "comment",
        "recipient",
        "subject",
        "body",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModerationWord)
class ModerationWordAdmin(admin.ModelAdmin):
    """The banned and suspect word lists, kept by moderators."""

    form = ModerationWordForm
    list_display = ["phrase", "kind", "note", "added_by", "added_at"]
    list_filter = ["kind"]
    search_fields = ["phrase", "note"]
    list_select_related = ["added_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    """Bans in force and past; made from a comment's page, lifted here, never deleted."""

    list_display = [
        "kind",
        "reason",
        "from_comment",
        "banned_by",
        "created_at",
        "expires_at",
        "is_active",
    ]
    list_filter = ["kind"]
    list_select_related = ["banned_by", "comment"]
    search_fields = ["reason"]
    fields = ["kind", "from_comment", "reason", "banned_by", "created_at", "expires_at"]
    readonly_fields = ["kind", "from_comment", "banned_by", "created_at"]
    actions = ["lift_selected"]

    @admin.display(description="comment")
    def from_comment(self, ban):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comments_comment_change", args=[ban.comment_id]),
            ban.comment,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Lift the selected bans now", permissions=["change"])
    def lift_selected(self, request, queryset):
        lifted = queryset.active().update(expires_at=timezone.now())
        self.message_user(request, f"Lifted {lifted} ban(s).", messages.SUCCESS)
