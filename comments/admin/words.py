"""The word lists moderators keep: banned words send a comment to spam, suspect ones hold it."""

from django.contrib import admin

from comments.forms import ModerationWordForm
from comments.models import ModerationWord


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
