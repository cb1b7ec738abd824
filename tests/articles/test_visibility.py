"""Who sees an article: readers only once it is published and its time has come; editors before."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article

HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "in review": {"status": Article.Status.IN_REVIEW},
    "scheduled": {
        "status": Article.Status.PUBLISHED,
        "publish_at_from_now": timedelta(days=1),
    },
}


@pytest.fixture
def deniz(make_author):
    return make_author("Deniz Kaya", slug="deniz-kaya")


@pytest.fixture(params=list(HIDDEN), ids=list(HIDDEN))
def hidden_article(request, make_article, deniz):
    """An article readers may not see yet, tagged and bylined like any other."""
    fields = dict(HIDDEN[request.param])
    ahead = fields.pop("publish_at_from_now", None)
    if ahead:
        fields["publish_at"] = timezone.now() + ahead
    return make_article(
        headline="Secret plans for the new bridge",
        tags=["bridges"],
        byline=[deniz],
        **fields,
    )


@pytest.fixture
def live_article(make_article, deniz):
    """A published article sharing the hidden one's section, tag and author."""
    return make_article(
        headline="Council approves the bridge budget", tags=["bridges"], byline=[deniz]
    )


def test_published_article_whose_time_has_passed_is_visible(client, live_article):
    response = client.get(live_article.get_absolute_url())

    assertContains(response, "Council approves the bridge budget")
    assert live_article.is_published()
    assert list(Article.objects.published()) == [live_article]


def test_unpublished_article_is_404_to_readers(client, hidden_article):
    response = client.get(hidden_article.get_absolute_url())

    assert response.status_code == 404
    assertNotContains(response, "Secret plans for the new bridge", status_code=404)


def test_unpublished_article_short_url_is_404_not_a_redirect(client, hidden_article):
    response = client.get(reverse("articles:detail_short", args=[hidden_article.news_id]))

    assert response.status_code == 404


def test_unpublished_article_is_not_published_by_either_rule(hidden_article):
    assert not hidden_article.is_published()
    assert hidden_article not in Article.objects.published()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/section/world/",
        "/tag/bridges/",
        "/author/deniz-kaya/",
        "/feed/",
        "/section/world/feed/",
    ],
)
def test_unpublished_article_is_not_listed_anywhere(client, hidden_article, live_article, url):
    response = client.get(url)

    assertContains(response, "Council approves the bridge budget")
    assertNotContains(response, "Secret plans for the new bridge")
    assertNotContains(response, hidden_article.get_absolute_url())


def test_scheduled_article_goes_live_when_its_time_comes(client, make_article, monkeypatch):
    start = timezone.now()
    scheduled = make_article(
        headline="Polls open at eight", publish_at=start + timedelta(minutes=30)
    )
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assertNotContains(client.get("/"), "Polls open at eight")

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(minutes=31))

    assert scheduled.is_published()
    assertContains(client.get(scheduled.get_absolute_url()), "Polls open at eight")
    assertContains(client.get("/"), "Polls open at eight")
    assertContains(client.get("/feed/"), "Polls open at eight")


def test_scheduled_article_is_listed_as_scheduled(make_article):
    scheduled = make_article(publish_at=timezone.now() + timedelta(hours=2))
    make_article()
    make_article(status=Article.Status.DRAFT)

    assert list(Article.objects.scheduled()) == [scheduled]


def test_editor_previews_a_draft_with_a_note_and_no_caching(client, editor, make_article):
    draft = make_article(headline="Budget leaks ahead of the vote", status=Article.Status.DRAFT)
    client.force_login(editor)

    response = client.get(draft.get_absolute_url())

    assertContains(response, "Budget leaks ahead of the vote")
    assertContains(response, "Preview: readers cannot see this article (draft)")
    cache_control = response.headers["Cache-Control"]
    assert "no-cache" in cache_control
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_editor_previews_a_scheduled_article_with_its_publish_date(client, editor, make_article):
    when = timezone.now() + timedelta(days=2)
    scheduled = make_article(publish_at=when)
    client.force_login(editor)

    response = client.get(scheduled.get_absolute_url())

    assertContains(
        response,
        "Preview: readers cannot see this article (scheduled, publish date "
        f"{timezone.localtime(when):%d %B %Y - %H:%M}).",
    )


def test_reporter_may_preview_a_draft_too(client, reporter, make_article):
    draft = make_article(status=Article.Status.IN_REVIEW)
    client.force_login(reporter)

    response = client.get(draft.get_absolute_url())

    assertContains(response, "readers cannot see this article (in review)")


def test_moderator_cannot_preview_a_draft(client, moderator, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(moderator)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_editor_sees_no_preview_note_on_a_live_article(client, editor, article):
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assertContains(response, "central bank raises rates again")
    assertNotContains(response, "Preview:")


def test_readers_get_no_preview_note_on_a_live_article(client, article):
    response = client.get(article.get_absolute_url())

    assertNotContains(response, "Preview:")
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_editor_sees_only_published_articles_on_the_front_page(client, editor, make_article):
    make_article(headline="Already out this morning")
    make_article(headline="Not yet signed off", status=Article.Status.DRAFT)
    client.force_login(editor)

    response = client.get("/")

    assertContains(response, "Already out this morning")
    assertNotContains(response, "Not yet signed off")
