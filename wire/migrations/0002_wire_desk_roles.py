"""Editors and reporters work the wire queue; editors also keep the providers. The wire desk
has an account of its own, which acts (and is recorded) when an agency kills a story."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import migrations

from newsroom.roles import extend_roles, withdraw_roles

QUEUE = [
    ("wire", "view_wireitem"),
    ("wire", "fetch_wireitem"),
    ("wire", "view_wireversion"),
    ("wire", "view_provider"),
    ("wire", "view_ingestrun"),
]
ROLES = {
    "Editors": [*QUEUE, ("wire", "add_provider"), ("wire", "change_provider")],
    "Reporters": QUEUE,
}


def grant(apps, schema_editor):
    extend_roles(apps, ROLES)
    User = apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    # No password anyone could type: the account only acts, it never signs in.
    desk, _ = User.objects.get_or_create(
        username=settings.WIRE_DESK_USER,
        defaults={"first_name": "Wire", "last_name": "desk", "password": make_password(None)},
    )
    desk.groups.add(Group.objects.get(name="Editors"))


def withdraw(apps, schema_editor):
    withdraw_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("wire", "0001_wire_desk"),
        ("articles", "0002_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, withdraw)]
