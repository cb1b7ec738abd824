"""Editors and reporters upload to the image library; editors may also remove images."""

from django.db import migrations

from newsroom.roles import extend_roles, withdraw_roles

ROLES = {
    "Editors": [
        ("images", "add_libraryimage"),
        ("images", "change_libraryimage"),
        ("images", "delete_libraryimage"),
        ("images", "view_libraryimage"),
    ],
    "Reporters": [
        ("images", "add_libraryimage"),
        ("images", "change_libraryimage"),
        ("images", "view_libraryimage"),
    ],
}


def grant(apps, schema_editor):
    extend_roles(apps, ROLES)


def withdraw(apps, schema_editor):
    withdraw_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_image_library"),
        ("articles", "0002_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, withdraw)]
