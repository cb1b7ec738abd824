"""Search engines are pointed at live articles and sections, nothing else: a sitemap index
with each sitemap's last change, and the Google News sitemap of the last two days."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains

from articles.models import Article

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def locations(response):
    return [url.findtext(f"{SITEMAP}loc") for url in parsed(response).findall(f"{SITEMAP}url")]


def news_entries(response):
    """Each `<url>` of a Google News sitemap as the protocol's fields."""
    root = parsed(response)
    assert root.tag == f"{SITEMAP}urlset"
    entries = []
    for url in root.findall(f"{SITEMAP}url"):
        news = url.find(f"{NEWS}news")
        publication = news.find(f"{NEWS}publication")
        entries.append(
            {
                "loc": url.findtext(f"{SITEMAP}loc"),
                "name": publication.findtext(f"{NEWS}name"),
                "language": publication.findtext(f"{NEWS}language"),
                "publication_date": datetime.fromisoformat(
                    news.findtext(f"{NEWS}publication_date")
                ),
                "title": news.findtext(f"{NEWS}title"),
            }
        )
    return entries


def test_sitemap_index_names_each_sitemap_with_its_last_change(client, article, section):
    root = parsed(client.get("/sitemap.xml"))

    assert root.tag == f"{SITEMAP}sitemapindex"
    entries = {
        sitemap.findtext(f"{SITEMAP}loc"): sitemap.findtext(f"{SITEMAP}lastmod")
        for sitemap in root.findall(f"{SITEMAP}sitemap")
    }
    assert set(entries) == {
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-sections.xml",
    }
    for lastmod in entries.values():
        assert datetime.fromisoformat(lastmod) == article.updated_at


def test_sitemaps_list_live_articles_and_sections_only(client, article, make_article, section):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=timezone.now() + timedelta(days=1))

    articles = locations(client.get("/sitemap-articles.xml"))
    sections = locations(client.get("/sitemap-sections.xml"))

    assert articles == [f"http://testserver{article.get_absolute_url()}"]
    assert draft.get_absolute_url() not in str(articles)
    assert scheduled.get_absolute_url() not in str(articles)
    assert sections == [f"http://testserver{section.get_absolute_url()}"]


@pytest.mark.parametrize(
    ("url", "queries"),
    # The index: the latest change of each sitemap, and a count for each one's pages;
    # a sitemap: a count and a page of rows; the news sitemap: its rows. Each also looks
    # up the next scheduled publication, for the page cache.
    [
        ("/sitemap.xml", 5),
        ("/sitemap-articles.xml", 3),
        ("/sitemap-sections.xml", 3),
        ("/news-sitemap.xml", 2),
    ],
)
def test_sitemaps_take_a_fixed_number_of_queries(
    client, make_article, django_assert_num_queries, url, queries
):
    make_article()
    with django_assert_num_queries(queries):
        client.get(url)
    for _ in range(5):
        make_article()

    with django_assert_num_queries(queries):
        client.get(url + "?again")


def test_news_sitemap_follows_the_google_news_protocol(client, make_article, make_author):
    story = make_article(
        headline="Storm <closes> the port & the bridge",
        publish_at=timezone.now() - timedelta(hours=3),
    )

    (entry,) = news_entries(client.get("/news-sitemap.xml"))

    assert entry == {
        "loc": f"http://testserver{story.get_absolute_url()}",
        "name": "The Newsroom",
        "language": "en",
        "publication_date": story.publish_at.replace(microsecond=0),
        "title": "Storm <closes> the port & the bridge",
    }


def test_news_sitemap_holds_live_articles_from_the_last_two_days_newest_first(client, make_article):
    now = timezone.now()
    make_article(headline="Three days old", publish_at=now - timedelta(days=3))
    make_article(headline="Yesterday", publish_at=now - timedelta(days=1))
    make_article(headline="This morning", publish_at=now - timedelta(hours=2))
    make_article(headline="Tomorrow", publish_at=now + timedelta(days=1))
    make_article(headline="A draft", status=Article.Status.DRAFT)

    titles = [entry["title"] for entry in news_entries(client.get("/news-sitemap.xml"))]

    assert titles == ["This morning", "Yesterday"]


def test_news_sitemap_holds_at_most_the_setting(client, make_article, settings):
    settings.NEWSROOM_NEWS_SITEMAP_LENGTH = 3
    for minutes in range(5):
        make_article(
            headline=f"Story {minutes}", publish_at=timezone.now() - timedelta(minutes=minutes + 1)
        )

    titles = [entry["title"] for entry in news_entries(client.get("/news-sitemap.xml"))]

    assert titles == ["Story 0", "Story 1", "Story 2"]


def test_withdrawn_article_leaves_both_sitemaps_at_once(client, editor, article):
    assert f"http://testserver{article.get_absolute_url()}" in locations(
        client.get("/sitemap-articles.xml")
    )
    assert len(news_entries(client.get("/news-sitemap.xml"))) == 1

    article.withdraw(by=editor, reason="Legal: court order")

    assert locations(client.get("/sitemap-articles.xml")) == []
    assert news_entries(client.get("/news-sitemap.xml")) == []


def test_robots_name_both_sitemaps_and_keep_out_of_the_desk(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assertContains(response, "Disallow: /admin/")
