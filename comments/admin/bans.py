"""Bans: made from a comment's page, listed and lifted on their own screen, never deleted."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from comments.admin.filters import CommenterDataLookups
from comments.forms import BanForm
from comments.models import Ban
from comments.permissions import BAN_PERMISSION


class BanView:
    """The comment admin's ban view: ban the email or address a comment came from."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/ban/",
                self.admin_site.admin_view(self.ban_view),
                name="comments_comment_ban",
            ),
            *super().get_urls(),
        ]

    def ban_view(self, request, object_id):
        """Ban the email or address a comment came from, for a time, with a reason."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        # Refused before the comment is looked up: the answer never tells whether it exists.
        if not request.user.has_perm(BAN_PERMISSION):
            raise PermissionDenied("Only moderators may ban commenters.")
        comment = self.get_object(request, object_id)
        if comment is None:
            return HttpResponse("No such comment.", status=404, content_type="text/plain")
        form = BanForm(request.POST, comment=comment)
        if not form.is_valid():
            errors = "; ".join(error for errors in form.errors.values() for error in errors)
            self.message_user(request, f"No ban made: {errors}", messages.ERROR)
            return self.after_ban(request, comment)
        ban = Ban.impose(
            comment=comment,
            kind=form.cleaned_data["ban_kind"],
            days=form.cleaned_data["ban_days"] or None,
            reason=form.cleaned_data["ban_reason"],
            by=request.user,
        )
        self.message_user(request, f"Banned: {ban.describe().rstrip('.')}.", messages.SUCCESS)
        return self.after_ban(request, comment)

    def after_ban(self, request, comment):
        """Back to the page the ban was made on: the commenter's page names itself as
        `next`; otherwise the comment's page."""
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(target)
        return redirect("admin:comments_comment_change", comment.pk)


@admin.register(Ban)
class BanAdmin(CommenterDataLookups, admin.ModelAdmin):
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
    # The hash of the banned email or address groups a commenter's bans.
    commenter_fields = frozenset({"key"})

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
