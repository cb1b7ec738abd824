"""Readers' reports of a comment, on the comment's page: what they said, and when it settled."""

from django.contrib import admin

from comments.models import Report
from newsroom.admin import ReadOnlyAdminMixin


class ReportInline(ReadOnlyAdminMixin, admin.TabularInline):
    """What readers said when they reported the comment; settled by a moderator's decision."""

    model = Report
    fields = ["reported_at", "reason", "note", "settled_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
