"""Readers search the live articles; nothing unpublished or unapproved is ever found."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.conftest import empty_the_cache
from tests.pages import card_headlines as headlines


@pytest.fixture
def make_indexed_article(make_article, django_capture_on_commit_callbacks):
    """An article as it is once saved and committed: in the search index."""

    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(**fields)

    return make


def test_search_finds_live_articles_by_their_words(client, make_indexed_article):
    make_indexed_article(headline="Ferries go electric on the fjord")
    make_indexed_article(headline="Harvest comes in early")

    response = client.get("/search/", {"q": "ferries"})

    assert headlines(response) == ["Ferries go electric on the fjord"]
    assertContains(response, "1 article found.")


def test_a_headline_match_ranks_above_a_match_in_the_body(client, make_indexed_article):
    make_indexed_article(
        headline="Council meets on budget",
        body="Among other things, the lighthouse repairs were approved.",
        publish_at=timezone.now() - timedelta(minutes=5),
    )
    make_indexed_article(
        headline="Lighthouse reopens after repairs",
        publish_at=timezone.now() - timedelta(days=2),
    )

    response = client.get("/search/", {"q": "lighthouse"})

    assert headlines(response) == ["Lighthouse reopens after repairs", "Council meets on budget"]


def test_a_word_every_story_has_ranks_a_bounded_number_of_matches(
    client, make_indexed_article, settings
):
    settings.NEWSROOM_SEARCH_RANKED = 2
    for days in range(3):
        make_indexed_article(
            headline=f"Ferry timetable {days}",
            publish_at=timezone.now() - timedelta(days=days, minutes=1),
        )

    response = client.get("/search/", {"q": "ferry"})

    assert len(headlines(response)) == 2
    assertContains(response, "2 articles found.")


def test_search_finds_articles_by_their_tags(client, make_indexed_article):
    make_indexed_article(headline="Match report", tags=["Handball"])

    response = client.get("/search/", {"q": "handball"})

    assert headlines(response) == ["Match report"]


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.PUBLISHED, "publish_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_search_never_finds_articles_readers_cannot_see(client, make_indexed_article, hidden):
    make_indexed_article(headline="Embargoed lighthouse story", **hidden)

    response = client.get("/search/", {"q": "lighthouse"})

    assert headlines(response) == []
    assertNotContains(response, "Embargoed")


def test_search_never_finds_words_from_comments(client, make_indexed_article, make_comment):
    story = make_indexed_article(headline="Harbour dredging starts")
    make_comment(story, body="Pelicans everywhere", status="pending")
    make_comment(story, body="Pelicans again", status="approved")

    response = client.get("/search/", {"q": "pelicans"})

    assert headlines(response) == []


def test_a_corrected_headline_is_found_by_its_new_words(
    client, make_indexed_article, django_capture_on_commit_callbacks
):
    story = make_indexed_article(headline="Bridge closes for winter")
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Viaduct closes for winter"
        story.save()

    assert headlines(client.get("/search/", {"q": "viaduct"})) == ["Viaduct closes for winter"]
    assert headlines(client.get("/search/", {"q": "bridge"})) == []


def test_retagging_an_article_updates_what_finds_it(
    client, make_indexed_article, django_capture_on_commit_callbacks
):
    story = make_indexed_article(headline="Match report", tags=["Handball"])
    with django_capture_on_commit_callbacks(execute=True):
        story.tags.set(["Volleyball"])

    assert headlines(client.get("/search/", {"q": "volleyball"})) == ["Match report"]
    assert headlines(client.get("/search/", {"q": "handball"})) == []


def test_a_withdrawn_article_is_no_longer_found(
    client, editor, make_indexed_article, django_capture_on_commit_callbacks
):
    story = make_indexed_article(headline="Lighthouse reopens")
    with django_capture_on_commit_callbacks(execute=True):
        story.withdraw(by=editor, reason="Legal: the source retracted.")

    assert headlines(client.get("/search/", {"q": "lighthouse"})) == []


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "NEAR(", "ü*?", "x" * 5000])
def test_odd_searches_get_an_answer_not_an_error(client, make_indexed_article, query):
    make_indexed_article(headline="Lighthouse reopens")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200


def test_an_empty_search_asks_for_words_and_lists_nothing(client, make_indexed_article):
    make_indexed_article(headline="Lighthouse reopens")

    response = client.get("/search/", {"q": "  "})

    assertContains(response, "Search the news")
    assert headlines(response) == []


def test_every_page_has_the_search_box(client, article):
    for url in ["/", article.get_absolute_url(), "/section/world/"]:
        assertContains(client.get(url), 'role="search"')


def test_search_pages_keep_the_words(client, make_indexed_article, settings):
    settings.NEWSROOM_SEARCH_RESULTS_PER_PAGE = 2
    for n in range(3):
        make_indexed_article(headline=f"Lighthouse story {n}")

    first = client.get("/search/", {"q": "lighthouse"})
    second = client.get("/search/", {"q": "lighthouse", "page": 2})

    assertContains(first, "?q=lighthouse&amp;page=2")
    assert len(headlines(first)) == 2
    assert len(headlines(second)) == 1


def test_search_page_takes_a_fixed_number_of_queries(
    client, make_indexed_article, django_assert_max_num_queries, django_assert_num_queries
):
    make_indexed_article(headline="Lighthouse one")
    client.get("/search/", {"q": "lighthouse"})
    empty_the_cache()  # the page's frame is rendered afresh each time, as after any change
    with django_assert_max_num_queries(6) as few:
        client.get("/search/", {"q": "lighthouse"})
    for n in range(6):
        make_indexed_article(headline=f"Lighthouse story {n}")
    empty_the_cache()

    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/search/", {"q": "lighthouse"})
