"""Moderators decide, keep the word lists, ban, and answer commenters' data requests."""

from django.db import migrations

from newsroom.roles import grant_roles

MODERATORS = {
    "Moderators": [
        ("comments", "view_comment"),
        ("comments", "moderate_comment"),
        ("comments", "manage_commenter_data"),
        ("comments", "view_decision"),
        ("comments", "view_moderationword"),
        ("comments", "add_moderationword"),
        ("comments", "change_moderationword"),
        ("comments", "delete_moderationword"),
        ("comments", "view_ban"),
        ("comments", "add_ban"),
        ("comments", "change_ban"),
    ]
}
PREVIOUSLY = {"Moderators": [("comments", "view_comment"), ("comments", "change_comment")]}


def grant(apps, schema_editor):
    grant_roles(apps, MODERATORS)


def restore(apps, schema_editor):
    grant_roles(apps, PREVIOUSLY)


class Migration(migrations.Migration):
    dependencies = [("comments", "0006_drop_single_decision_and_raw_address")]

    operations = [migrations.RunPython(grant, restore)]
