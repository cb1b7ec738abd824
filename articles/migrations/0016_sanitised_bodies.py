"""Bodies are kept sanitised, not only rendered so: the body editor loads the stored body.

The rules as articles/body.py had them when this was written (nh3, the tags and attributes
the body editor offers), copied here so that the migration means the same for ever. The
rendered body is unchanged: it was made from the same rules.
"""

import nh3
from django.db import migrations

ALLOWED_TAGS = {
    "p", "br", "a", "em", "strong", "i", "b", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "sub", "sup", "q", "cite", "abbr", "hr",
    "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "q": {"cite"},
    "img": {"src", "alt", "data-file"},
}


def sanitised(body):
    return nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES).strip()


def sanitise_bodies(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk", "body").iterator():
        clean = sanitised(article.body)
        if clean != article.body:
            Article.objects.filter(pk=article.pk).update(body=clean)
    ArticleRevision = apps.get_model("articles", "ArticleRevision")
    for revision in ArticleRevision.objects.only("pk", "content").iterator():
        body = revision.content.get("body")
        if isinstance(body, str) and sanitised(body) != body:
            content = {**revision.content, "body": sanitised(body)}
            ArticleRevision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_people_and_dates_on_record")]

    operations = [migrations.RunPython(sanitise_bodies, migrations.RunPython.noop)]
