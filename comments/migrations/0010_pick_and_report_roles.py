"""Moderators and editors pick comments; moderators also read readers' reports."""

from django.db import migrations

from newsroom.roles import grant_roles

PICKERS = ["Moderators", "Editors"]
ADDED = [("comments", "pick_comment"), ("comments", "view_comment")]


def grant(apps, schema_editor):
    # Editors keep their own role (articles' migrations); only these permissions are added.
    grant_roles(apps, {})
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in [*ADDED, ("comments", "view_report")]
    ]
    for group in Group.objects.filter(name__in=PICKERS):
        group.permissions.add(*permissions[:2])
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.add(permissions[2])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    picking = Permission.objects.filter(
        content_type__app_label="comments", codename__in=["pick_comment", "view_report"]
    )
    for group in Group.objects.filter(name__in=PICKERS):
        group.permissions.remove(*picking)


class Migration(migrations.Migration):
    dependencies = [("comments", "0009_replies_reports_and_picks")]

    operations = [migrations.RunPython(grant, revoke)]
