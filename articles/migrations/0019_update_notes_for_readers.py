"""One note, two jobs, split: an editorial event's note becomes the desk's internal record,
and a note readers were shown becomes what it was to them, an Update beside the corrections.

Readers already read those notes, so they stay public, now labelled "Update" with their
time; an event's note is never shown to readers again.
"""

from django.db import migrations, models


def notes_shown_to_readers_become_updates(apps, schema_editor):
    ArticleEvent = apps.get_model("articles", "ArticleEvent")
    Correction = apps.get_model("articles", "Correction")
    Correction.objects.bulk_create(
        Correction(
            article_id=event.article_id,
            kind="update",
            text=event.note,
            published_at=event.at,
            added_by_id=event.actor_id,
        )
        for event in ArticleEvent.objects.filter(public=True).exclude(note="").order_by("at")
    )


def updates_shown_as_event_notes_again(apps, schema_editor):
    # The updates stay (the record is kept); the events they came from show them again.
    ArticleEvent = apps.get_model("articles", "ArticleEvent")
    Correction = apps.get_model("articles", "Correction")
    for update in Correction.objects.filter(kind="update"):
        ArticleEvent.objects.filter(
            article_id=update.article_id, note=update.text, at=update.published_at
        ).update(public=True)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_withdrawal_reason"),
    ]

    operations = [
        migrations.RunPython(
            notes_shown_to_readers_become_updates, updates_shown_as_event_notes_again
        ),
        migrations.RemoveField(
            model_name="articleevent",
            name="public",
        ),
        migrations.AlterField(
            model_name="articleevent",
            name="note",
            field=models.CharField(blank=True, max_length=300, verbose_name="internal note"),
        ),
    ]
