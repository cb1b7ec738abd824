"""The outbox of mail about comments: every mail written, sent or waiting, and why one failed."""

from django.contrib import admin

from comments.models import Notification
from newsroom.admin import ReadOnlyAdminMixin


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What was sent, and what failed and why; mail is written by the verbs, never here."""

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
