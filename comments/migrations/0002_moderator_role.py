"""The Moderators group: comments only, never articles."""

from django.db import migrations

from newsroom.roles import grant_roles, revoke_roles

ROLES = {"Moderators": [("comments", "view_comment"), ("comments", "change_comment")]}


def create_roles(apps, schema_editor):
    grant_roles(apps, ROLES)


def remove_roles(apps, schema_editor):
    revoke_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
