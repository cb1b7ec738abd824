from django.db import migrations, models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def count_comments(apps, schema_editor):
    """Every article's approved comments, as readers count them: approved, and a reply only
    while the comment it answers is approved too (comments' `approved_q()` at this migration)."""
    Article = apps.get_model("articles", "Article")
    Comment = apps.get_model("comments", "Comment")
    parent_shown = Comment.objects.filter(pk=OuterRef("parent_id"), status="approved")
    shown = Comment.objects.filter(
        Q(status="approved") & (Q(parent__isnull=True) | Exists(parent_shown))
    )
    count = (
        shown.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("*"))
        .values("count")
    )
    Article.objects.update(comment_count=Coalesce(Subquery(count), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_update_notes_for_readers"),
        ("comments", "0013_undo_and_reported_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="comment_count",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Comments readers see on the article, as the thread counts them.",
                verbose_name="approved comments",
            ),
        ),
        migrations.RunPython(count_comments, migrations.RunPython.noop),
    ]
