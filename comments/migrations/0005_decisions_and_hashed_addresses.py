"""Move the old single decision into a decision record, and addresses into their keyed hash.

Each comment kept only its latest decision (moderated_by/at/reason on the row); that
decision becomes its first Decision row, from pending. The raw IP address becomes the
keyed hash, and the email gets its hash, so history and bans work on both.
"""

from django.db import migrations

from comments.privacy import address_hash, email_hash


def forwards(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Decision = apps.get_model("comments", "Decision")
    decisions = []
    for comment in Comment.objects.iterator(chunk_size=2000):
        comment.ip_hash = address_hash(comment.ip_address)
        comment.email_hash = email_hash(comment.email)
        if comment.status != "pending":
            comment.version = 1
            decisions.append(
                Decision(
                    comment_id=comment.pk,
                    from_status="pending",
                    to_status=comment.status,
                    moderator_id=comment.moderated_by_id,
                    decided_at=comment.moderated_at or comment.created_at,
                    reason=comment.moderation_reason,
                )
            )
        comment.save(update_fields=["ip_hash", "email_hash", "version"])
    Decision.objects.bulk_create(decisions, batch_size=2000)


def backwards(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Decision = apps.get_model("comments", "Decision")
    for decision in Decision.objects.order_by("decided_at", "pk").iterator():
        Comment.objects.filter(pk=decision.comment_id).update(
            moderated_by_id=decision.moderator_id,
            moderated_at=decision.decided_at,
            moderation_reason=decision.reason,
        )
    Decision.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("comments", "0004_moderation_desk")]

    operations = [migrations.RunPython(forwards, backwards)]
