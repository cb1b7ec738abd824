"""The list pages: front page, section, tag and author, newest first and a page at a time."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.pages import card_headlines, card_html, cards


@pytest.fixture
def hours_ago():
    now = timezone.now()
    return lambda hours: now - timedelta(hours=hours)


@pytest.fixture
def three_per_page(settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 3


def test_front_page_lists_newest_first(client, make_article, hours_ago):
    # Made out of order: the page orders by publish date, not by when entered.
    make_article(headline="Middle story", publish_at=hours_ago(2))
    make_article(headline="Newest story", publish_at=hours_ago(1))
    make_article(headline="Oldest story", publish_at=hours_ago(3))

    response = client.get("/")

    assert card_headlines(response) == ["Newest story", "Middle story", "Oldest story"]


def test_front_page_card_shows_section_headline_standfirst_time_and_comments(
    client, make_article, make_section, hours_ago
):
    business = make_section("Business")
    make_article(
        headline="Lira steadies after rate rise",
        standfirst="Traders welcomed the bank's move.",
        section=business,
        publish_at=hours_ago(3),
    )

    response = client.get("/")

    assert cards(response) == [
        "Business Lira steadies after rate rise Traders welcomed the bank's move. "
        "3 hours ago · 0 comments"
    ]
    (card,) = card_html(response)
    assert '<a class="kicker" href="/section/business/">Business</a>' in card
    assert f'title="{timezone.localtime(hours_ago(3)):%d %B %Y - %H:%M}"' in card


def test_front_page_counts_only_approved_comments(client, make_article, make_comment):
    story = make_article()
    for status in ["approved", "approved", "approved", "pending", "rejected", "spam"]:
        make_comment(story, status=status)

    response = client.get("/")

    assertContains(response, f'<a href="{story.get_absolute_url()}#comments">3 comments</a>')


def test_one_comment_is_counted_in_the_singular(client, make_article, make_comment):
    story = make_article()
    make_comment(story, status="approved")

    (card,) = cards(client.get("/"))

    assert card.endswith("· 1 comment")


def test_card_shows_the_lead_image_when_there_is_one(client, make_article, make_picture, hours_ago):
    make_article(headline="Top story, no picture", publish_at=hours_ago(1))
    make_article(
        headline="Harbour reopens",
        publish_at=hours_ago(2),
        lead_image=make_picture(width=1200, height=800, name="harbour.jpg"),
    )

    response = client.get("/")

    top, second = card_html(response)
    assert "<img" not in top
    assert '<img src="/media/library/renditions/harbour-800w' in second
    assert 'width="1200" height="800"' in second


def test_section_page_is_paginated(client, three_per_page, make_article, hours_ago):
    for hour in range(1, 8):
        make_article(headline=f"Story from {hour} hours ago", publish_at=hours_ago(hour))

    first = client.get("/section/world/")
    second = client.get("/section/world/?page=2")
    third = client.get("/section/world/?page=3")

    assert card_headlines(first) == [f"Story from {h} hours ago" for h in (1, 2, 3)]
    assert card_headlines(second) == [f"Story from {h} hours ago" for h in (4, 5, 6)]
    assert card_headlines(third) == ["Story from 7 hours ago"]
    assertContains(first, '<a class="page-link" href="?page=2" rel="next">Older</a>')
    assertContains(second, '<a class="page-link" href="?page=1" rel="prev">Newer</a>')
    assertContains(second, '<span class="page-link" aria-current="page">2</span>')
    assertNotContains(third, 'rel="next"')


def test_page_beyond_the_last_is_404(client, three_per_page, make_article):
    make_article()

    assert client.get("/section/world/?page=999").status_code == 404


def test_page_that_is_not_a_number_is_404(client, make_article):
    make_article()

    assert client.get("/section/world/?page=abc").status_code == 404


def test_one_page_of_articles_shows_no_page_links(client, three_per_page, make_article):
    make_article()

    assertNotContains(client.get("/section/world/"), 'class="pagination"')


def test_empty_front_page_says_so(client, db):
    response = client.get("/")

    assertContains(response, "No articles here yet.")


def test_front_page_marks_home_current(client, section):
    assertContains(client.get("/"), '<a href="/" aria-current="page">Home</a>', html=True)


def test_section_page_lists_only_that_sections_published_articles(
    client, make_article, make_section, section
):
    business = make_section("Business", description="Markets, money and work.")
    make_article(headline="Lira steadies", section=business)
    make_article(headline="Bank profits rise", section=business)
    make_article(headline="Merger talks", section=business, status=Article.Status.DRAFT)
    make_article(headline="Summit opens", section=section)

    response = client.get("/section/business/")

    assert sorted(card_headlines(response)) == ["Bank profits rise", "Lira steadies"]
    assertContains(response, "<h1>Business</h1>", html=True)
    assertContains(response, "Markets, money and work.")


def test_section_page_marks_its_section_current(client, make_section, section):
    make_section("Business")

    response = client.get("/section/business/")

    assertContains(
        response,
        '<a href="/section/business/" aria-current="page">Business</a>',
        html=True,
    )
    assertContains(response, '<a href="/section/world/">World</a>', html=True)
    assertContains(response, '<a href="/">Home</a>', html=True)


def test_section_bar_follows_the_editors_order(client, make_section, section):
    make_section("Sport", order=3)
    make_section("Business", order=2)

    html = client.get("/").content.decode()
    bar = html[html.index('class="section-bar"') : html.index("</nav>")]

    assert bar.index("World") < bar.index("Business") < bar.index("Sport")


def test_section_page_offers_its_feed(client, section):
    assertContains(
        client.get("/section/world/"),
        '<link rel="alternate" type="application/rss+xml" '
        'title="The Newsroom: World" href="/section/world/feed/">',
        html=True,
    )


def test_unknown_section_is_404(client, section):
    assert client.get("/section/no-such-section/").status_code == 404


def test_tag_page_lists_published_articles_with_that_tag(client, make_article, make_comment):
    tagged = make_article(headline="Rates rise again", tags=["Interest rates", "Lira"])
    make_article(headline="Rates cut abroad", tags=["Interest rates"])
    make_article(headline="Football final", tags=["Football"])
    for _ in range(2):
        make_comment(tagged, status="approved")

    response = client.get("/tag/interest-rates/")

    assert sorted(card_headlines(response)) == ["Rates cut abroad", "Rates rise again"]
    assertContains(response, '<p class="kicker">Tag</p>', html=True)
    assertContains(response, "<h1>Interest rates</h1>", html=True)
    # Filtering by tag must not multiply the comment count.
    assert "Rates rise again" in next(c for c in cards(response) if "2 comments" in c)


def test_unknown_tag_is_404(client, db):
    assert client.get("/tag/no-such-tag/").status_code == 404


def test_author_page_lists_their_published_articles(client, make_article, make_author):
    ayse = make_author("Ayse Demir", slug="ayse-demir", bio="Economics correspondent.")
    can = make_author("Can Ozturk", slug="can-ozturk")
    make_article(headline="Written together", byline=[ayse, can])
    make_article(headline="Written alone", byline=[ayse])
    make_article(headline="Someone else's", byline=[can])
    make_article(headline="Unfinished draft", byline=[ayse], status=Article.Status.DRAFT)

    response = client.get("/author/ayse-demir/")

    assert sorted(card_headlines(response)) == ["Written alone", "Written together"]
    assertContains(response, "<h1>Ayse Demir</h1>", html=True)
    assertContains(response, "Economics correspondent.")


def test_unknown_author_is_404(client, db):
    assert client.get("/author/nobody/").status_code == 404


def test_tag_and_author_pages_are_paginated_too(client, three_per_page, make_article, make_author):
    ayse = make_author("Ayse Demir", slug="ayse-demir")
    for _ in range(4):
        make_article(tags=["Lira"], byline=[ayse])

    for url in ["/tag/lira/", "/author/ayse-demir/", "/section/world/"]:
        assert len(cards(client.get(url))) == 3
        assert len(cards(client.get(url + "?page=2"))) == 1
        assert client.get(url + "?page=3").status_code == 404


# The sections for the section bar; the page count; the page of articles with
# their sections and comment counts. Section, tag and author pages first look up the
# section, tag or author. The page cache, on a miss, first looks up the next scheduled
# publication (when the page must be forgotten). The front page's: tests/frontpage.
LIST_PAGE_QUERIES = {
    "/section/world/": 5,
    "/tag/lira/": 5,
    "/author/ayse-demir/": 5,
}


@pytest.mark.parametrize(("url", "queries"), LIST_PAGE_QUERIES.items())
def test_list_page_queries_do_not_grow_with_articles_or_comments(
    client,
    make_article,
    make_author,
    make_comment,
    make_picture,
    django_assert_num_queries,
    url,
    queries,
    settings,
):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 20
    ayse = make_author("Ayse Demir", slug="ayse-demir")

    def add_articles(count):
        for n in range(count):
            story = make_article(
                tags=["Lira", f"topic {n}"],
                byline=[ayse, make_author()],
                lead_image=make_picture(width=40, height=30) if n % 2 else None,
            )
            make_comment(story, status="approved")
            make_comment(story, status="pending")

    add_articles(2)
    with django_assert_num_queries(queries):
        assert len(cards(client.get(url))) == 2

    add_articles(4)
    with django_assert_num_queries(queries):
        assert len(cards(client.get(url))) == 6
