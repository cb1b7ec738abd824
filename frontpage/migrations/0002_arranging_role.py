"""Editors arrange the front page; reporters do not."""

from django.db import migrations

from newsroom.roles import extend_roles, withdraw_roles

ROLES = {
    "Editors": [
        ("frontpage", "add_arrangement"),
        ("frontpage", "view_arrangement"),
    ],
}


def grant(apps, schema_editor):
    extend_roles(apps, ROLES)


def withdraw(apps, schema_editor):
    withdraw_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("frontpage", "0001_front_page_arrangements"),
        ("articles", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, withdraw)]
