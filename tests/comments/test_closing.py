"""Comments close by themselves N days after the article goes live, counted at read time."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment
from tests.comments.conftest import send_form, token_for


def post(client, article, body="Still relevant."):
    data = {"body": body, "token": token_for(article)}
    return send_form(client, reverse("comments:post", args=[article.news_id]), data)


def test_comments_close_the_set_number_of_days_after_publication(client, make_article, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    published = timezone.now() - timedelta(days=8)
    story = make_article(publish_at=published)

    response = client.get(story.get_absolute_url())

    closed_on = (published + timedelta(days=7)).strftime("%d %B %Y")
    assertContains(response, "Comments closed on <time")
    assertContains(response, f"{closed_on}</time>.")
    assertNotContains(response, 'id="comment-form"')
    assert post(client, story).status_code == 403
    assert not Comment.objects.exists()


def test_comments_stay_open_inside_the_window(client, make_article, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    story = make_article(publish_at=timezone.now() - timedelta(days=6))

    assertContains(client.get(story.get_absolute_url()), 'id="comment-form"')
    assert post(client, story).status_code == 302


def test_zero_days_keeps_comments_open_for_good(client, make_article, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    story = make_article(publish_at=timezone.now() - timedelta(days=3000))

    assert post(client, story).status_code == 302


def test_an_article_may_keep_its_comments_open_longer(client, make_article, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    story = make_article(
        publish_at=timezone.now() - timedelta(days=20), comments_close_after_days=30
    )

    assert post(client, story).status_code == 302


def test_an_article_may_never_close(client, make_article, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    story = make_article(
        publish_at=timezone.now() - timedelta(days=200), comments_close_after_days=0
    )

    assert post(client, story).status_code == 302


def test_a_scheduled_articles_window_starts_when_it_goes_live(
    client, make_article, settings, monkeypatch
):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 2
    start = timezone.now()
    story = make_article(publish_at=start + timedelta(days=5))

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(days=6))
    assertContains(client.get(story.get_absolute_url()), 'id="comment-form"')

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(days=7, seconds=1))
    assertContains(client.get(story.get_absolute_url()), "Comments closed on")


def test_a_cached_page_is_not_kept_past_the_moment_comments_close(
    client, make_article, settings, monkeypatch
):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 1
    settings.NEWSROOM_CACHE_MAX_AGE = 300
    start = timezone.now()
    story = make_article(publish_at=start - timedelta(days=1) + timedelta(seconds=40))

    response = client.get(story.get_absolute_url())
    directives = dict(d.strip().partition("=")[::2] for d in response["Cache-Control"].split(","))
    assert int(directives["max-age"]) <= 40

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(seconds=41))
    assertContains(client.get(story.get_absolute_url()), "Comments closed on")
