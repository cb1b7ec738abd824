"""Every stored lead image moves into the image library, and its article points at it.

One library image per distinct stored file, reusing the file and its renditions (nothing
is decoded again), with the focal point, credit, alt text and caption the article had.
The article keeps its own alt text and caption: they now override the library's, and
read exactly as before. The versions django-reversion keeps name the same picture, so
history and compare still read them.

Going back, each article gets its picture's file again; the library images stay, and the
renditions are left to `make_renditions`, so no file is shared by two owners.
"""

import json

from django.db import migrations

OLD_FIELDS = [
    "pk",
    "lead_image_file",
    "lead_image_width",
    "lead_image_height",
    "lead_image_renditions",
    "lead_image_focus_x",
    "lead_image_focus_y",
    "lead_image_alt",
    "lead_image_caption",
    "lead_image_credit",
    "created_at",
    "created_by_id",
]


def move_lead_images_into_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    LibraryImage = apps.get_model("images", "LibraryImage")
    pictures = {}
    # Values, not instances: an instance would open its image file to read its size.
    illustrated = Article.objects.exclude(lead_image_file="").order_by("pk")
    for values in illustrated.values(*OLD_FIELDS).iterator():
        old = dict(values)
        name = old["lead_image_file"]
        if name not in pictures:
            pictures[name] = library_image_from(LibraryImage, old)
        Article.objects.filter(pk=old["pk"]).update(lead_image=pictures[name])
    # A file no article uses any more (an image replaced long ago) has no library image.
    rewrite_kept_versions(apps, lambda name: pictures.get(name))


def library_image_from(LibraryImage, old):
    picture = LibraryImage.objects.create(
        alt_text=old["lead_image_alt"],
        caption=old["lead_image_caption"],
        credit=old["lead_image_credit"],
        focus_x=old["lead_image_focus_x"],
        focus_y=old["lead_image_focus_y"],
        renditions=old["lead_image_renditions"] or [],
        uploaded_by_id=old["created_by_id"],
    )
    # The file is set by an update: given to the model, it would be opened to be measured.
    LibraryImage.objects.filter(pk=picture.pk).update(
        image=old["lead_image_file"],
        width=old["lead_image_width"],
        height=old["lead_image_height"],
        uploaded_at=old["created_at"],
    )
    return picture.pk


def move_lead_images_back(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    LibraryImage = apps.get_model("images", "LibraryImage")
    used = Article.objects.exclude(lead_image=None).values_list("lead_image", flat=True)
    library = {
        picture["pk"]: picture
        for picture in LibraryImage.objects.filter(pk__in=used).values(
            "pk", "image", "width", "height", "focus_x", "focus_y", "alt_text", "caption", "credit"
        )
    }
    for pk, picture_pk, alt, caption in (
        Article.objects.exclude(lead_image=None)
        .values_list("pk", "lead_image", "lead_image_alt", "lead_image_caption")
        .iterator()
    ):
        picture = library[picture_pk]
        Article.objects.filter(pk=pk).update(
            lead_image_file=picture["image"],
            lead_image_width=picture["width"],
            lead_image_height=picture["height"],
            # The original stands in for the thumbnail; `make_renditions` makes the rest.
            lead_image_thumbnail=picture["image"],
            lead_image_thumbnail_width=picture["width"],
            lead_image_thumbnail_height=picture["height"],
            lead_image_renditions=[],
            lead_image_focus_x=picture["focus_x"],
            lead_image_focus_y=picture["focus_y"],
            lead_image_alt=alt or picture["alt_text"],
            lead_image_caption=caption or picture["caption"],
            lead_image_credit=picture["credit"],
        )
    files = dict(LibraryImage.objects.values_list("pk", "image"))
    rewrite_kept_versions(apps, lambda pk: files.get(pk, ""))


def rewrite_kept_versions(apps, translate):
    """Translate the lead image kept in each article version: forwards a file name to a
    library image's id, backwards an id to its file name."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(app_label="articles", model="article").first()
    if content_type is None:
        return
    versions = Version.objects.filter(content_type=content_type, format="json")
    for pk, serialized in versions.values_list("pk", "serialized_data").iterator():
        kept = json.loads(serialized)
        for entry in kept:
            fields = entry.get("fields", {})
            if "lead_image" in fields:
                fields["lead_image"] = translate(fields["lead_image"])
        Version.objects.filter(pk=pk).update(serialized_data=json.dumps(kept))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_lead_image_from_library"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(move_lead_images_into_library, move_lead_images_back)]
