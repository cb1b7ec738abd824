"""`manage.py load_scale` fills the database with live articles and moderated comments."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from articles.models import Article
from comments.models import Comment, Decision


def test_load_scale_adds_live_articles_and_comments_in_every_status_with_decisions(db):
    call_command("load_scale", articles=40, comments=600, stdout=StringIO())

    assert Article.objects.published().count() == 40
    assert (
        Article.objects.published().filter(tags__slug__startswith="topic-").distinct().count() == 40
    )
    assert Article.objects.published().search("budget").count() == 40
    assert Comment.objects.count() == 600
    assert set(Comment.objects.values_list("status", flat=True)) == {
        "pending",
        "approved",
        "rejected",
        "spam",
    }
    decided = Comment.objects.exclude(status="pending")
    assert Decision.objects.count() == decided.count()
    assert not decided.filter(decisions__isnull=True).exists()
    assert not Comment.objects.filter(ip_hash="").exists()
    # Every article's stored count is its approved comments, however the rows were written.
    shown = dict(
        Comment.objects.approved()
        .values("article")
        .annotate(n=Count("pk"))
        .values_list("article", "n")
    )
    assert shown
    assert all(
        article.comment_count == shown.get(article.pk, 0) for article in Article.objects.all()
    )
    # The counter moved past the new numbers: the next article gets a fresh one.
    assert Article.objects.next_news_id() > Article.objects.order_by("-news_id").first().news_id


def test_load_scale_adds_to_what_is_there(db):
    call_command("load_scale", articles=5, comments=20, stdout=StringIO())
    call_command("load_scale", articles=5, comments=20, stdout=StringIO())

    assert Article.objects.count() == 10
    assert Comment.objects.count() == 40
