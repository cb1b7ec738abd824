"""Most read: reads counted once per reader per article per hour by a small script's post,
with no cookie and no stored address; bots and staff not counted; the cached article page
left alone."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from readership import reads

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def rail_most_read(response):
    html = response.content.decode()
    if "<h2>Most read</h2>" not in html:
        return []
    block = html.split("<h2>Most read</h2>")[1].split("</section>")[0]
    return [chunk.split(">", 1)[1].split("</a>")[0] for chunk in block.split("<a href=")[1:]]


def read(client, article, *, address="203.0.113.7", agent=BROWSER, **headers):
    headers.setdefault("HTTP_SEC_FETCH_SITE", "same-origin")
    return client.post(
        f"/read/{article.news_id}/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent, **headers
    )


def test_article_page_loads_the_read_count_script_of_the_site(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        f'<script src="/static/js/read-count.js" data-count-url="/read/{article.news_id}/" defer>'
        in html
    )


def test_a_read_is_counted_and_answered_with_nothing_to_keep(client, article):
    response = read(client, article)

    assert response.status_code == 204
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]
    assert reads.most_read_ids(5) == [article.news_id]


def test_most_read_ranks_by_readers_in_the_rail(client, make_article):
    page = make_article(headline="The page being read")
    popular = make_article(headline="Popular")
    quiet = make_article(headline="Quiet")
    for n in range(3):
        read(client, popular, address=f"203.0.113.{n}")
    read(client, quiet)
    read(client, page)

    assert rail_most_read(client.get(page.get_absolute_url())) == ["Popular", "Quiet"]


def test_one_reader_counts_once_per_article_per_hour(client, article, make_article):
    other = make_article()
    for _ in range(3):
        read(client, article)
    read(client, other)
    read(client, article, address="198.51.100.1")

    assert reads.most_read_counts(5) == [(article.news_id, 2), (other.news_id, 1)]


def test_the_same_reader_counts_again_in_the_next_hour(client, article, monkeypatch):
    read(client, article)
    later = timezone.now() + timedelta(hours=1, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    read(client, article)

    assert reads.most_read_counts(5, now=later) == [(article.news_id, 2)]


def test_reads_older_than_the_window_no_longer_count(client, article, settings):
    read(client, article)
    tomorrow = timezone.now() + timedelta(hours=settings.NEWSROOM_MOST_READ_HOURS + 1)

    assert reads.most_read_ids(5, now=tomorrow) == []


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 HeadlessChrome/126.0",
        "",
    ],
)
def test_bots_are_not_counted(client, article, agent):
    assert read(client, article, agent=agent).status_code == 204

    assert reads.most_read_ids(5) == []


def test_staff_are_not_counted(client, article, editor):
    client.force_login(editor)

    read(client, article)

    assert reads.most_read_ids(5) == []


def test_reads_from_another_site_are_refused(client, article):
    assert read(client, article, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert reads.most_read_ids(5) == []


def test_counting_is_a_post(client, article):
    assert client.get(f"/read/{article.news_id}/").status_code == 405


def test_nothing_of_the_reader_is_kept(client, article, monkeypatch):
    kept = []
    for method in ("add", "set", "set_many"):
        original = getattr(cache, method)

        def recording(*args, _original=original, **kwargs):
            kept.append(repr((args, kwargs)))
            return _original(*args, **kwargs)

        monkeypatch.setattr(cache, method, recording)

    read(client, article, address="203.0.113.77")

    assert kept
    assert not [entry for entry in kept if "203.0.113.77" in entry or "Chrome/126" in entry]


def test_the_readers_key_changes_each_day(article):
    today = timezone.now()
    tomorrow = today + timedelta(days=1)

    assert reads.reader_hash(
        address="203.0.113.7", user_agent=BROWSER, news_id=1, now=today
    ) != reads.reader_hash(address="203.0.113.7", user_agent=BROWSER, news_id=1, now=tomorrow)


def test_counting_asks_only_whether_the_article_is_live_and_the_cached_page_stays_cached(
    client, article, django_assert_num_queries
):
    client.get(article.get_absolute_url())

    with django_assert_num_queries(1):
        read(client, article)
    with django_assert_num_queries(0):
        page = client.get(article.get_absolute_url())

    assert page.status_code == 200


def test_withdrawn_or_unknown_articles_never_show_in_most_read(client, make_article, editor):
    page = make_article()
    gone = make_article(headline="Gone")
    kept = make_article(headline="Kept")
    for story in (gone, kept):
        read(client, story)
    client.post("/read/999999/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT=BROWSER)

    gone.withdraw(by=editor, reason="Legal")

    assert rail_most_read(client.get(page.get_absolute_url())) == ["Kept"]


def test_most_read_takes_one_query_however_many_were_read(
    make_article, django_assert_num_queries, client
):
    stories = [make_article() for _ in range(8)]
    for n, story in enumerate(stories):
        for reader in range(n + 1):
            read(client, story, address=f"203.0.113.{reader}")

    with django_assert_num_queries(1):
        found = reads.most_read(limit=5)

    assert found == list(reversed(stories))[:5]
    assert all(isinstance(story, Article) for story in found)


def test_a_cache_that_keeps_nothing_costs_the_count_never_the_reader(client, article, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    assert read(client, article).status_code == 204
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("status", ["draft", "scheduled", "withdrawn", "unknown"])
def test_a_read_of_an_article_readers_cannot_see_is_answered_404_and_not_counted(
    client, make_article, editor, status
):
    if status == "unknown":
        story = Article(news_id=999999)
    elif status == "scheduled":
        story = make_article(publish_at=timezone.now() + timedelta(hours=2))
    else:
        story = make_article(status=Article.Status.DRAFT)
        if status == "withdrawn":
            story = make_article()
            story.withdraw(by=editor, reason="Legal")

    response = read(client, story)

    assert response.status_code == 404
    assert reads.most_read_counts(5) == []
