"""What every app's admin screens share."""


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
