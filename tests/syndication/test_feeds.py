"""RSS and Atom feeds of published articles: the whole site, each section, tag and author,
read with a real feed parser."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article

FEEDS = ["/feed/", "/feed/atom/"]


def parsed(response):
    """The feed as feedparser reads it; it must be well-formed, or `bozo` says why."""
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def hours_ago():
    now = timezone.now()
    return lambda hours: now - timedelta(hours=hours)


@pytest.mark.parametrize("url", FEEDS)
def test_site_feed_holds_published_articles_newest_first(client, make_article, hours_ago, url):
    make_article(headline="Yesterday's story", publish_at=hours_ago(24))
    make_article(headline="This morning's story", publish_at=hours_ago(3))
    make_article(headline="Unfinished draft", status=Article.Status.DRAFT)
    make_article(headline="Waiting for review", status=Article.Status.IN_REVIEW)
    make_article(headline="Tomorrow's story", publish_at=hours_ago(-24))

    feed = parsed(client.get(url))

    assert feed.feed.title == "The Newsroom: latest news"
    assert feed.feed.link == "http://testserver/"
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == [
        "This morning's story",
        "Yesterday's story",
    ]


def test_rss_and_atom_say_what_they_are(client, db):
    assert client.get("/feed/")["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert client.get("/feed/atom/")["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert parsed(client.get("/feed/")).version == "rss20"
    assert parsed(client.get("/feed/atom/")).version == "atom10"


@pytest.mark.parametrize("url", FEEDS)
def test_feed_item_carries_author_time_summary_and_categories(client, article, make_author, url):
    article.byline.set([make_author("Ayse Demir"), make_author("Can Ozturk")])
    article.tags.add("Interest rates", "Turkey")

    (entry,) = parsed(client.get(url)).entries

    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.author == "Ayse Demir, Can Ozturk"
    assert entry.published_parsed[:6] == article.publish_at.utctimetuple()[:6]
    assert (
        entry.summary.strip() == "<p>The bank surprised markets with a second rise in a month.</p>"
    )
    assert [tag.term for tag in entry.tags] == ["World", "Interest rates", "Turkey"]
    assert entry.enclosures == []


@pytest.mark.parametrize("url", FEEDS)
def test_lead_image_is_the_items_enclosure_with_its_length_and_type(
    client, make_article, make_image, make_picture, url
):
    picture = make_picture(make_image(name="harbour.png"), alt_text="The harbour at dawn")
    make_article(lead_image=picture)

    (entry,) = parsed(client.get(url)).entries

    (enclosure,) = entry.enclosures
    # The largest JPEG rendition, as readers' browsers get it; never the upload itself.
    largest = max(
        (r for r in picture.renditions if r["format"] == "jpg"),
        key=lambda r: r["width"],
    )
    storage = picture.image.storage
    assert enclosure.href == f"http://testserver{storage.url(largest['name'])}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == storage.size(largest["name"]) > 0


def test_feed_escapes_the_standfirst(client, make_article):
    make_article(standfirst="Profits <b>doubled</b> & shares rose")

    (entry,) = parsed(client.get("/feed/")).entries

    assert "&lt;b&gt;doubled&lt;/b&gt; &amp; shares rose" in entry.summary


def test_feed_holds_the_newest_articles_only(client, make_article, hours_ago, settings):
    settings.NEWSROOM_FEED_LENGTH = 4
    for hour in range(6):
        make_article(headline=f"Story {hour}", publish_at=hours_ago(hour + 1))

    titles = [entry.title for entry in parsed(client.get("/feed/")).entries]

    assert titles == ["Story 0", "Story 1", "Story 2", "Story 3"]


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_section_feed_holds_only_that_sections_published_articles(
    client, make_article, make_section, section, hours_ago, suffix
):
    business = make_section("Business", description="Markets, money and work.")
    make_article(headline="Lira steadies", section=business, publish_at=hours_ago(5))
    make_article(headline="Profits rise", section=business, publish_at=hours_ago(1))
    make_article(headline="Merger talks", section=business, status=Article.Status.DRAFT)
    make_article(headline="Summit opens", section=section)

    feed = parsed(client.get(f"/section/business/feed/{suffix}"))

    assert feed.feed.title == "The Newsroom: Business"
    assert feed.feed.subtitle == "Markets, money and work."
    assert feed.feed.link == "http://testserver/section/business/"
    assert [entry.title for entry in feed.entries] == ["Profits rise", "Lira steadies"]


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_tag_feed_holds_that_tags_published_articles(client, make_article, hours_ago, suffix):
    make_article(headline="Lira steadies", tags=["Lira"], publish_at=hours_ago(5))
    make_article(headline="Lira slides", tags=["Lira", "Markets"], publish_at=hours_ago(1))
    make_article(headline="Draft on the lira", tags=["Lira"], status=Article.Status.DRAFT)
    make_article(headline="Summit opens", tags=["Diplomacy"])

    feed = parsed(client.get(f"/tag/lira/feed/{suffix}"))

    assert feed.feed.title == "The Newsroom: Lira"
    assert feed.feed.link == "http://testserver/tag/lira/"
    assert [entry.title for entry in feed.entries] == ["Lira slides", "Lira steadies"]


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_author_feed_holds_that_authors_published_articles(
    client, make_article, make_author, hours_ago, suffix
):
    ayse = make_author("Ayse Demir", slug="ayse-demir")
    make_article(headline="Her story", byline=[ayse], publish_at=hours_ago(2))
    make_article(headline="Her draft", byline=[ayse], status=Article.Status.DRAFT)
    make_article(headline="Someone else's story", byline=[make_author("Can Ozturk")])

    feed = parsed(client.get(f"/author/ayse-demir/feed/{suffix}"))

    assert feed.feed.title == "The Newsroom: Ayse Demir"
    assert feed.feed.link == "http://testserver/author/ayse-demir/"
    assert [entry.title for entry in feed.entries] == ["Her story"]


@pytest.mark.parametrize(
    "url",
    [
        "/section/no-such-section/feed/",
        "/section/no-such-section/feed/atom/",
        "/tag/no-such-tag/feed/",
        "/author/nobody/feed/atom/",
    ],
)
def test_feed_of_something_unknown_is_404(client, section, url):
    assert client.get(url).status_code == 404


def test_every_page_offers_the_site_feeds(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="The Newsroom: latest news" href="/feed/">'
    ) in html
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="The Newsroom: latest news (Atom)" href="/feed/atom/">'
    ) in html


@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("/section/world/", "/section/world/feed/"),
        ("/tag/lira/", "/tag/lira/feed/"),
        ("/author/ayse-demir/", "/author/ayse-demir/feed/"),
    ],
)
def test_list_pages_offer_their_own_feeds(client, make_article, make_author, url, feed):
    make_article(tags=["Lira"], byline=[make_author("Ayse Demir", slug="ayse-demir")])

    html = client.get(url).content.decode()

    assert 'type="application/rss+xml" title="The Newsroom: ' in html
    assert f'href="{feed}"' in html
    assert 'type="application/atom+xml"' in html
    assert f'href="{feed}atom/"' in html


# The articles with their sections; their bylines; their tags. A section, tag or author
# feed first looks up its subject. The page cache first looks up the next scheduled
# publication.
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/feed/", 4),
        ("/feed/atom/", 4),
        ("/section/world/feed/", 5),
        ("/tag/lira/feed/atom/", 5),
    ],
)
def test_feed_queries_do_not_grow_with_articles(
    client, make_article, make_author, make_picture, django_assert_num_queries, url, queries
):
    def add_articles(count):
        for _ in range(count):
            make_article(
                tags=["Lira", "Markets"],
                byline=[make_author(), make_author()],
                lead_image=make_picture(width=300, height=200),
            )

    add_articles(2)
    with django_assert_num_queries(queries):
        assert len(parsed(client.get(url)).entries) == 2

    add_articles(4)
    with django_assert_num_queries(queries):
        assert len(parsed(client.get(url)).entries) == 6
