"""Arranging the front page in the admin: editors choose and order the lead and the top
stories; every arrangement stays on the record, newest first, with who made it."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from frontpage.forms import ArrangementForm
from frontpage.models import ARRANGE_PERMISSION, Arrangement


@admin.register(Arrangement)
class ArrangementAdmin(admin.ModelAdmin):
    list_display = ["arranged_at", "arranged_by", "stories_in_order"]
    list_select_related = ["arranged_by"]
    fields = ["arranged_at", "arranged_by", "stories_in_order"]
    readonly_fields = fields

    class Media:
        js = ["frontpage/arrange.js"]
        css = {"all": ["frontpage/arrange.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("slots__article")

    @admin.display(description="Stories, lead first")
    def stories_in_order(self, arrangement):
        slots = arrangement.slots.all()
        if not slots:
            return "The newest stories"
        return format_html_join(" · ", "{}", ((str(slot),) for slot in slots))

    def has_add_permission(self, request):
        return request.user.has_perm(ARRANGE_PERMISSION)

    # On the record: never changed, never deleted.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """Arrange the front page: the slots as they are now, saved as a new arrangement."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        current = Arrangement.objects.current()
        form = ArrangementForm(request.POST or None, arranged=current.stories() if current else ())
        if request.method == "POST" and form.is_valid():
            arrangement = Arrangement.objects.arrange(form.stories(), by=request.user)
            self.log_addition(request, arrangement, [{"added": {}}])
            messages.success(
                request,
                format_html(
                    'The front page is arranged; readers see it now. <a href="{}">View it</a>',
                    reverse("articles:front"),
                ),
            )
            return redirect("admin:frontpage_arrangement_add")
        context = {
            **self.admin_site.each_context(request),
            "title": "Arrange the front page",
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "current": current,
            "history_url": reverse("admin:frontpage_arrangement_changelist"),
        }
        return TemplateResponse(request, "admin/frontpage/arrangement/arrange.html", context)
