"""Public pages come from the cache for anonymous readers: no queries, no cookies, one copy."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment
from pagecache import versions
from tests.articles.test_article_page import ARTICLE_PAGE_QUERIES
from tests.articles.test_lists import LIST_PAGE_QUERIES
from tests.conftest import empty_the_cache
from tests.frontpage.test_front_page import FRONT_PAGE_QUERIES

PUBLIC_URLS = [
    "/",
    "/section/world/",
    "/tag/lira/",
    "/author/ayse-demir/",
    "/archive/",
    "/feed/",
    "/feed/atom/",
    "/section/world/feed/",
    "/section/world/feed/atom/",
    "/tag/lira/feed/",
    "/author/ayse-demir/feed/atom/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-sections.xml",
    "/news-sitemap.xml",
    "/robots.txt",
]


@pytest.fixture
def newsroom(make_article, make_author, closed_article):
    author = make_author("Ayse Demir", slug="ayse-demir")
    make_article(headline="Lira slides again", tags=["lira"], byline=[author])
    return closed_article


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_second_reader_gets_the_page_from_the_cache_without_a_query(
    newsroom, reader, another_reader, django_assert_num_queries, url
):
    first = reader.get(url)

    with django_assert_num_queries(0):
        second = another_reader.get(url)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_article_page_is_served_from_the_cache(
    newsroom, reader, another_reader, django_assert_num_queries
):
    url = newsroom.get_absolute_url()
    first = reader.get(url)

    with django_assert_num_queries(0):
        second = another_reader.get(url)

    assertContains(second, "Harbour reopens after the storm")
    assert second.content == first.content


def test_an_article_page_with_its_comment_form_is_one_shared_copy(
    article, reader, another_reader, moderator, django_assert_num_queries
):
    first = reader.get(article.get_absolute_url())
    assertContains(first, "Leave a comment")

    with django_assert_num_queries(0):
        second = another_reader.get(article.get_absolute_url())

    assert not first.cookies and not second.cookies
    assert "public" in second["Cache-Control"]
    assert second.content == first.content
    pending = Comment.objects.create(article=article, body="Seen only once approved.")
    assert "Seen only once approved." not in reader.get(article.get_absolute_url()).content.decode()
    Comment.objects.get(pk=pending.pk).approve(by=moderator)
    assertContains(another_reader.get(article.get_absolute_url()), "Seen only once approved.")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_anonymous_readers_get_no_cookie_and_a_page_any_cache_may_keep(
    newsroom, reader, settings, url
):
    settings.NEWSROOM_CACHE_MAX_AGE = 30
    settings.NEWSROOM_CACHE_S_MAXAGE = 60
    settings.NEWSROOM_CACHE_STALE_WHILE_REVALIDATE = 15

    for response in (reader.get(url), reader.get(url)):
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert directives == {
            "public",
            "max-age=30",
            "s-maxage=60",
            "stale-while-revalidate=15",
        }


def test_a_reader_whose_copy_is_current_gets_304(newsroom, reader, django_assert_num_queries):
    etag = reader.get("/")["ETag"]

    with django_assert_num_queries(0):
        response = reader.get("/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_reader_with_an_old_copy_gets_the_page(newsroom, reader):
    response = reader.get("/", HTTP_IF_NONE_MATCH='"an-old-version"')

    assert response.status_code == 200
    assertContains(response, "Lira slides again")


def test_the_first_render_also_answers_304_to_a_current_copy(newsroom, reader, another_reader):
    etag = reader.get("/")["ETag"]
    empty_the_cache()  # as after a restart: the page is rendered again, to the same bytes

    assert another_reader.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_staff_are_never_served_from_the_cache_and_their_pages_are_not_kept(
    newsroom, reader, client, editor, django_assert_num_queries
):
    url = newsroom.get_absolute_url()
    reader.get(url)
    client.force_login(editor)

    response = client.get(url)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    # And what staff were shown did not replace the readers' copy.
    with django_assert_num_queries(0):
        reader.get(url)


def test_staff_previews_are_private_and_never_kept(client, editor, make_article, reader):
    draft = make_article(headline="Budget leaks ahead of the vote", status="draft")
    client.force_login(editor)

    preview = client.get(draft.get_absolute_url())

    assertContains(preview, "Preview:")
    assert "no-store" in preview["Cache-Control"]
    assert reader.get(draft.get_absolute_url()).status_code == 404


def test_a_reader_with_a_message_waiting_gets_a_private_page(
    article, reader, another_reader, comment_form_data
):
    reader.get(article.get_absolute_url())

    posted = reader.post(
        reverse("comments:post", args=[article.news_id]),
        urlencode(comment_form_data),
        content_type="application/x-www-form-urlencoded",
    )
    landing = reader.get(posted["Location"])

    assertContains(landing, "Your comment is waiting for a moderator")
    assert "no-store" in landing["Cache-Control"]
    assert "private" in landing["Cache-Control"]
    assert "waiting for a moderator" not in another_reader.get("/").content.decode()
    assert (
        "waiting for a moderator"
        not in another_reader.get(article.get_absolute_url()).content.decode()
    )


def test_a_comment_form_with_mistakes_is_private_and_never_kept(article, reader, comment_form_data):
    comment_form_data["body"] = ""

    response = reader.post(
        reverse("comments:post", args=[article.news_id]),
        urlencode(comment_form_data),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not Comment.objects.exists()


def test_search_results_are_not_kept(newsroom, reader):
    reader.get("/search/?q=lira")

    response = reader.get("/search/?q=lira")

    assert "public" not in response.get("Cache-Control", "")


def test_a_page_is_not_kept_past_the_next_scheduled_publication(
    newsroom, make_article, reader, settings
):
    settings.NEWSROOM_CACHE_MAX_AGE = 300
    settings.NEWSROOM_CACHE_S_MAXAGE = 600
    make_article(headline="Polls open", publish_at=timezone.now() + timedelta(seconds=20))

    response = reader.get("/")

    directives = dict(d.strip().partition("=")[::2] for d in response["Cache-Control"].split(","))
    assert int(directives["max-age"]) <= 20
    assert int(directives["s-maxage"]) <= 20


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # What the page shows, in the queries its own tests count, less the next
        # scheduled publication, which the first request kept (and, for an article with
        # no tags, the related stories; for the front page, with nothing read yet, Most
        # read).
        ("article", ARTICLE_PAGE_QUERIES - 2),
        ("/", FRONT_PAGE_QUERIES - 2),
        ("/section/world/", LIST_PAGE_QUERIES["/section/world/"] - 1),
    ],
)
def test_an_address_the_cache_never_kept_makes_the_page_afresh(
    newsroom, reader, another_reader, django_assert_num_queries, url, queries
):
    # A shared link with a campaign tag is another address: the page cache has no copy
    # of it, and makes it as it made the first, with the same queries.
    url = newsroom.get_absolute_url() if url == "article" else url
    first = reader.get(url)

    with django_assert_num_queries(queries):
        tagged = another_reader.get(f"{url}?utm_source=newsletter")

    assert tagged.status_code == 200
    assert tagged.content == first.content


@pytest.mark.parametrize("url", ["/", "article"])
def test_pages_are_served_when_the_cache_keeps_nothing(newsroom, reader, settings, url):
    # A cache that has evicted everything (or a cache server that keeps nothing) costs
    # the reader a fresh page, never an error.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    url = newsroom.get_absolute_url() if url == "article" else url

    response = reader.get(url)

    assertContains(response, "Harbour reopens after the storm")


def deploy(monkeypatch, settings, release):
    """A new release on the same cache and database: its static files have new names."""
    settings.STATIC_URL = f"/static/{release}/"
    monkeypatch.setattr(versions, "release", lambda: release)


@pytest.mark.parametrize("url", ["/", "article"])
def test_a_new_release_never_serves_what_the_old_one_made(
    newsroom, reader, another_reader, monkeypatch, settings, url
):
    url = newsroom.get_absolute_url() if url == "article" else url
    assertContains(reader.get(url), 'href="/static/css/site.css"')

    deploy(monkeypatch, settings, "r2")
    response = another_reader.get(url)

    # The page, its head, its masthead and (on an article) its comment section are new.
    assertContains(response, 'href="/static/r2/css/site.css"')
    assertNotContains(response, '"/static/css/')
    if "/news/" in url:
        assertContains(response, 'src="/static/r2/comments/times.js"')


def test_a_change_made_on_one_release_shows_on_the_other(
    closed_article, reader, another_reader, monkeypatch, settings
):
    # A rolling deploy: both releases serve readers, from one cache, for a while.
    url = closed_article.get_absolute_url()
    assertContains(reader.get(url), "Harbour reopens")
    deploy(monkeypatch, settings, "r2")
    assertContains(another_reader.get(url), "Harbour reopens")

    closed_article.headline = "Harbour stays shut"
    closed_article.save()
    deploy(monkeypatch, settings, "")
    settings.STATIC_URL = "/static/"

    assertContains(reader.get(url), "Harbour stays shut")
