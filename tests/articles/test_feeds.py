"""The RSS feeds: the whole site's and each section's, published articles only, newest first."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.feeds import FEED_LENGTH
from articles.models import Article


def feed_items(response):
    """The channel, and each item's fields, in the feed's order."""
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    return channel, [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "description": item.findtext("description"),
            "author": item.findtext("{http://purl.org/dc/elements/1.1/}creator"),
            "categories": [c.text for c in item.findall("category")],
            "pubDate": item.findtext("pubDate"),
        }
        for item in channel.findall("item")
    ]


@pytest.fixture
def hours_ago():
    now = timezone.now()
    return lambda hours: now - timedelta(hours=hours)


def test_site_feed_is_rss_of_published_articles_newest_first(client, make_article, hours_ago):
    make_article(headline="Yesterday's story", publish_at=hours_ago(24))
    make_article(headline="This morning's story", publish_at=hours_ago(3))
    make_article(headline="Unfinished draft", status=Article.Status.DRAFT)
    make_article(headline="Waiting for review", status=Article.Status.IN_REVIEW)
    make_article(headline="Tomorrow's story", publish_at=hours_ago(-24))

    response = client.get("/feed/")

    assert response.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel, items = feed_items(response)
    assert channel.findtext("title") == "The Newsroom: latest news"
    assert [item["title"] for item in items] == [
        "This morning's story",
        "Yesterday's story",
    ]


def test_feed_item_links_to_the_article_and_carries_its_standfirst(client, article, make_author):
    article.byline.set([make_author("Ayse Demir"), make_author("Can Ozturk")])

    _, (item,) = feed_items(client.get("/feed/"))

    assert item["link"] == f"http://testserver{article.get_absolute_url()}"
    assert item["description"].strip() == (
        "<p>The bank surprised markets with a second rise in a month.</p>"
    )
    assert item["categories"] == ["World"]
    assert item["pubDate"] == article.publish_at.strftime("%a, %d %b %Y %H:%M:%S %z")
    assert item["author"] == "Ayse Demir, Can Ozturk"


def test_feed_escapes_the_standfirst(client, make_article):
    make_article(standfirst="Profits <b>doubled</b> & shares rose")

    _, (item,) = feed_items(client.get("/feed/"))

    assert "&lt;b&gt;doubled&lt;/b&gt; &amp; shares rose" in item["description"]


def test_feed_holds_the_newest_articles_only(client, make_article, hours_ago):
    for hour in range(FEED_LENGTH + 2):
        make_article(headline=f"Story {hour}", publish_at=hours_ago(hour + 1))

    _, items = feed_items(client.get("/feed/"))

    assert len(items) == FEED_LENGTH
    assert items[0]["title"] == "Story 0"
    assert items[-1]["title"] == f"Story {FEED_LENGTH - 1}"


def test_section_feed_holds_only_that_sections_published_articles(
    client, make_article, make_section, section, hours_ago
):
    business = make_section("Business", description="Markets, money and work.")
    make_article(headline="Lira steadies", section=business, publish_at=hours_ago(5))
    make_article(headline="Profits rise", section=business, publish_at=hours_ago(1))
    make_article(headline="Merger talks", section=business, status=Article.Status.DRAFT)
    make_article(headline="Summit opens", section=section)

    channel, items = feed_items(client.get("/section/business/feed/"))

    assert channel.findtext("title") == "The Newsroom: Business"
    assert channel.findtext("description") == "Markets, money and work."
    assert channel.findtext("link") == "http://testserver/section/business/"
    assert [item["title"] for item in items] == ["Profits rise", "Lira steadies"]


def test_feed_of_unknown_section_is_404(client, section):
    assert client.get("/section/no-such-section/feed/").status_code == 404


def test_every_page_offers_the_site_feed(client, article):
    response = client.get(article.get_absolute_url())

    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="The Newsroom: latest news" href="/feed/">'
    ) in response.content.decode()


# The articles with their sections; their bylines. The section feed first looks
# up its section. The page cache first looks up the next scheduled publication.
@pytest.mark.parametrize(("url", "queries"), [("/feed/", 3), ("/section/world/feed/", 4)])
def test_feed_queries_do_not_grow_with_articles(
    client, make_article, make_author, django_assert_num_queries, url, queries
):
    def add_articles(count):
        for _ in range(count):
            make_article(tags=["Lira"], byline=[make_author(), make_author()])

    add_articles(2)
    with django_assert_num_queries(queries):
        assert len(feed_items(client.get(url))[1]) == 2

    add_articles(4)
    with django_assert_num_queries(queries):
        assert len(feed_items(client.get(url))[1]) == 6
