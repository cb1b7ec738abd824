"""The newsroom's editorial roles, as groups with exactly the permissions each needs."""

from django.db import migrations

from newsroom.roles import grant_roles, revoke_roles

ROLES = {
    "Editors": [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "delete_article"),
        ("articles", "view_article"),
        ("articles", "publish_article"),
        ("articles", "view_articleevent"),
        ("articles", "add_section"),
        ("articles", "change_section"),
        ("articles", "delete_section"),
        ("articles", "view_section"),
        ("articles", "add_author"),
        ("articles", "change_author"),
        ("articles", "delete_author"),
        ("articles", "view_author"),
        ("taggit", "add_tag"),
        ("taggit", "change_tag"),
        ("taggit", "delete_tag"),
        ("taggit", "view_tag"),
    ],
    # Reporters write and revise; an editor decides when it goes live.
    "Reporters": [
        ("articles", "add_article"),
        ("articles", "change_article"),
        ("articles", "view_article"),
        ("articles", "view_articleevent"),
        ("articles", "view_section"),
        ("articles", "view_author"),
        ("taggit", "add_tag"),
        ("taggit", "view_tag"),
    ],
}


def create_roles(apps, schema_editor):
    grant_roles(apps, ROLES)


def remove_roles(apps, schema_editor):
    revoke_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
