"""The lead image becomes a picture from the image library: the foreign key comes first,
beside the old file field (renamed), so the next migration can move each picture over."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_preview_links"),
        ("images", "0002_library_roles"),
    ]

    operations = [
        migrations.RenameField("article", "lead_image", "lead_image_file"),
        migrations.AddField(
            model_name="article",
            name="lead_image",
            field=models.ForeignKey(
                blank=True,
                help_text="A picture from the image library, shown above the story and in lists.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="images.libraryimage",
            ),
        ),
    ]
