"""Bodies written as plain text become HTML paragraphs, as the body editor keeps them.

Blank lines separated paragraphs and single line breaks were kept; the same rule as the
body renderer's, so readers see exactly what they saw. Bodies already in HTML stay as
they are. The rendered body is unchanged, so it is not rendered again.
"""

import re

from django.db import migrations

BLOCK_TAG = re.compile(r"<\s*(p|ul|ol|blockquote|h[2-4]|figure)\b", re.IGNORECASE)


def paragraphs(text):
    parts = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in parts if p)


def bodies_as_html(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk", "body").iterator():
        if not BLOCK_TAG.search(article.body):
            Article.objects.filter(pk=article.pk).update(body=paragraphs(article.body))


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_lead_image_renditions_and_focal_point")]

    operations = [migrations.RunPython(bodies_as_html, migrations.RunPython.noop)]
