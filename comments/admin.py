"""The moderation queue: every reader comment waits here until a moderator decides."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from comments.models import Comment
from comments.querysets import queue_ordering


class ModerationForm(forms.ModelForm):
    """A reason belongs to a decision: it is saved with a change of status, not alone."""

    def clean(self):
        cleaned = super().clean()
        if "moderation_reason" in self.changed_data and "status" not in self.changed_data:
            raise ValidationError(
                "Choose the new status too: a reason is recorded with the decision it explains.",
                code="reason_without_decision",
            )
        return cleaned


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = ModerationForm
    list_display = [
        "excerpt",
        "status",
        "display_name",
        "article",
        "created_at",
        "moderated_by",
        "moderated_at",
    ]
    list_filter = [
        "status",
        "created_at",
        ("article", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["article", "moderated_by"]
    search_fields = ["body", "author_name", "email"]
    ordering = queue_ordering()
    actions = ["approve_selected", "reject_selected", "mark_selected_as_spam"]
    fields = [
        "on_article",
        "author_name",
        "email",
        "body",
        "created_at",
        "status",
        "moderation_reason",
        "moderated_by",
        "moderated_at",
        "ip_address",
        "user_agent",
    ]
    readonly_fields = [f for f in fields if f not in {"status", "moderation_reason"}]
    list_per_page = 50

    def changelist_view(self, request, extra_context=None):
        pending = Comment.objects.pending().count()
        context = {"title": f"Moderation queue: {pending} waiting", **(extra_context or {})}
        return super().changelist_view(request, context)

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

    @admin.display(description="comment")
    def excerpt(self, comment):
        return comment.body if len(comment.body) <= 120 else f"{comment.body[:117]}…"

    @admin.display(description="name", ordering="author_name")
    def display_name(self, comment):
        return comment.display_name

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Moderation never deletes: rejected and spam comments stay on record.
        return False

    def save_model(self, request, obj, form, change):
        """A status chosen on the change form is a moderation decision, recorded as such."""
        if "status" in form.changed_data:
            obj.moderate(obj.status, by=request.user, reason=obj.moderation_reason)

    def _moderate(self, request, queryset, status, verb):
        count = queryset.moderate(status, by=request.user)
        self.message_user(request, f"{verb} {count} comment(s).", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve_selected(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, "Approved")

    @admin.action(description="Reject selected comments", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED, "Rejected")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_selected_as_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, "Marked as spam:")
