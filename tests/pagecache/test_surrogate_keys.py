"""Pages name what they show in surrogate keys, and each change purges exactly the keys it
touches from the HTTP cache in front (Varnish with xkey), once it is committed."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection

from articles.models import Article
from pagecache import versions


class PurgeLog(BaseHTTPRequestHandler):
    """A cache in front, as far as purges go: it answers and remembers the keys."""

    def do_PURGE(self):
        self.server.purged.append(self.headers["xkey-purge"])
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"Purged")

    def log_message(self, *args):
        pass


@pytest.fixture
def cache_in_front(settings):
    """The keys each purge named, in order."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeLog)
    server.purged = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NEWSROOM_HTTP_CACHE_PURGE_URL = [f"http://127.0.0.1:{server.server_port}/"]
    yield server.purged
    server.shutdown()
    server.server_close()


def keys_of(response):
    return set(response["xkey"].split())


def test_an_article_page_names_itself_and_every_article_it_links_to(
    cache_in_front, make_article, client
):
    older = make_article(headline="Ferries return")
    story = make_article(headline="Harbour reopens", tags=["harbours"])

    keys = keys_of(client.get(story.get_absolute_url()))

    assert {"site", f"article-{story.news_id}", f"article-{older.news_id}"} <= keys
    assert not any(key.startswith(("front", "section-")) for key in keys)


def test_list_pages_name_their_list_and_their_articles(
    cache_in_front, make_article, section, client
):
    story = make_article(headline="Harbour reopens", tags=["harbours"])

    assert {"front", f"article-{story.news_id}"} <= keys_of(client.get("/"))
    assert {"section-world", f"article-{story.news_id}"} <= keys_of(client.get("/section/world/"))
    assert {"tag-harbours", f"article-{story.news_id}"} <= keys_of(client.get("/tag/harbours/"))
    assert {"feeds", f"article-{story.news_id}"} <= keys_of(client.get("/feed/"))
    assert "sitemap" in keys_of(client.get("/sitemap.xml"))


def test_a_cached_page_keeps_its_keys(cache_in_front, make_article, client):
    story = make_article()
    first = client.get(story.get_absolute_url())
    again = client.get(story.get_absolute_url())

    assert again["xkey"] == first["xkey"]


def test_pages_carry_no_keys_without_a_cache_in_front(settings, make_article, client):
    settings.NEWSROOM_HTTP_CACHE_PURGE_URL = []

    assert not client.get(make_article().get_absolute_url()).has_header("xkey")


def test_staff_pages_carry_no_keys(cache_in_front, make_article, client, editor):
    client.force_login(editor)

    assert not client.get(make_article().get_absolute_url()).has_header("xkey")


def test_publishing_purges_the_article_and_the_lists_it_joins(
    cache_in_front, make_article, make_author, editor, django_capture_on_commit_callbacks
):
    author = make_author("Ayse Demir", slug="ayse-demir")
    draft = make_article(status=Article.Status.DRAFT, tags=["harbours"], byline=[author])
    cache_in_front.clear()

    with django_capture_on_commit_callbacks(execute=True):
        draft.publish(by=editor)

    purged = set(" ".join(cache_in_front).split())
    assert purged == {
        f"article-{draft.news_id}",
        "section-world",
        "tag-harbours",
        "author-ayse-demir",
        "front",
        "feeds",
        "sitemap",
        "archive",
        "corrections",
    }


def test_nothing_is_purged_before_the_change_is_committed(
    cache_in_front, make_article, django_capture_on_commit_callbacks
):
    story = make_article()
    cache_in_front.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story.headline = "Harbour reopens at dawn"
        story.save()

    assert cache_in_front == []
    for callback in callbacks:
        callback()
    assert f"article-{story.news_id}" in " ".join(cache_in_front).split()


def test_a_change_to_the_frame_purges_every_page(
    cache_in_front, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        section.name = "World news"
        section.save()

    assert cache_in_front == ["site"]


def test_a_cache_that_does_not_answer_leaves_the_change_standing(
    settings, make_article, django_capture_on_commit_callbacks, caplog
):
    story = make_article()
    settings.NEWSROOM_HTTP_CACHE_PURGE_URL = ["http://127.0.0.1:9/"]

    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Harbour reopens at dawn"
        story.save()

    assert Article.objects.get(pk=story.pk).headline == "Harbour reopens at dawn"
    assert "Could not purge" in caplog.text


def test_a_page_made_while_something_changed_is_not_kept_by_the_cache_in_front(
    cache_in_front, make_article, client
):
    story = make_article()
    changes = []

    def change_once(execute, sql, params, many, context):
        if not changes:
            changes.append(sql)
            versions.pages_changed()  # an editor's change lands while the page is made
        return execute(sql, params, many, context)

    with connection.execute_wrapper(change_once):
        response = client.get(story.get_absolute_url())

    assert changes
    assert "s-maxage=0" in response["Cache-Control"]
    assert not response.has_header("xkey")
    assert client.get(story.get_absolute_url()).has_header("xkey")
