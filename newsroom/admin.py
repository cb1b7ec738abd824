"""What every app's admin screens share, and the project's own part of the admin: staff
accounts (a person the record names is deactivated, never deleted) and which third-party
screens the desk shows."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html
from django_tasks_db.models import DBTaskResult

from newsroom.records import people_on_record

User = get_user_model()

ON_RECORD = (
    "Named in the newsroom's record (published, decided, corrected, or changed something "
    "here): this account cannot be deleted. Untick Active to close it."
)

# The task queue's own admin lists raw task rows; the desk reads its mail in Comments ›
# Notifications, with what failed and why.
admin.site.unregister(DBTaskResult)
admin.site.unregister(User)


@admin.register(User)
class StaffAccountAdmin(UserAdmin):
    def is_on_record(self, user):
        return people_on_record(User.objects.filter(pk=user.pk)).exists()

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.is_on_record(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        kept = people_on_record(User.objects.filter(pk__in=[user.pk for user in objs]))
        if kept:
            # Nothing is deleted then: the page says why instead of what would go.
            return [], {}, set(), [format_html("{}: {}", person, ON_RECORD) for person in kept]
        return super().get_deleted_objects(objs, request)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "is_active" in form.base_fields and self.is_on_record(obj):
            form.base_fields["is_active"].help_text = ON_RECORD
        return form


class ReadOnlyAdminMixin:
    """A record kept as it was made (a decision, a report, a sent mail), or changed only
    through its model's verbs: the admin shows it and never adds, edits or deletes it.

    For a `ModelAdmin` or an inline alike; a screen that acts on its records does so
    through actions and views that call the verbs, which check permission themselves.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
