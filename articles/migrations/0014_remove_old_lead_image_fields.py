"""The article's own copy of its picture goes: the library image holds it now."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_lead_images_into_library"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="article",
            name="lead_image_credit",
        ),
        migrations.RemoveField(
            model_name="article",
            name="lead_image_file",
        ),
        migrations.RemoveField(
            model_name="article",
            name="lead_image_focus_x",
        ),
        migrations.RemoveField(
            model_name="article",
            name="lead_image_focus_y",
        ),
        migrations.RemoveField(
            model_name="article",
            name="lead_image_height",
        ),
        migrations.RemoveField(
            model_name="article",
            name="lead_image_renditions",
        ),
        migrations.RemoveField(
            model_name="article",
            name="lead_image_thumbnail",
        ),
        migrations.RemoveField(
            model_name="article",
            name="lead_image_thumbnail_height",
        ),
        migrations.RemoveField(
            model_name="article",
            name="lead_image_thumbnail_width",
        ),
        migrations.RemoveField(
            model_name="article",
            name="lead_image_width",
        ),
        migrations.AlterField(
            model_name="article",
            name="lead_image_alt",
            field=models.CharField(
                blank=True,
                help_text="What the picture shows, for readers who cannot see it; empty: the library's description. Required with a new picture.",
                max_length=200,
                verbose_name="lead image alt text",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="lead_image_caption",
            field=models.CharField(
                blank=True,
                help_text="This article's caption for the picture; empty: the library's caption.",
                max_length=300,
            ),
        ),
    ]
