"""Date archives: live articles by year, month and day in the newsroom's time zone, with
links to the neighbouring periods that have articles."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import Article
from tests.pages import archive_headlines, archive_lines, link_text, texts

LONDON = ZoneInfo("Europe/London")


def at(*args):
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def archive(make_article):
    """Stories on a few days of 2025, one just after midnight in London (still the day
    before in UTC during summer time)."""
    make_article(headline="New year honours", publish_at=at(2025, 1, 1, 9))
    make_article(headline="Spring budget", publish_at=at(2025, 3, 12, 12))
    make_article(headline="Budget reactions", publish_at=at(2025, 3, 12, 18))
    make_article(headline="Past midnight", publish_at=at(2025, 7, 4, 0, 30))
    make_article(headline="Summer heat", publish_at=at(2025, 7, 2, 15))
    make_article(
        headline="Unpublished draft", status=Article.Status.DRAFT, publish_at=at(2025, 3, 12, 9)
    )


def test_day_archive_lists_that_days_live_articles_newest_first(client, archive):
    response = client.get("/archive/2025/03/12/")

    assert response.status_code == 200
    assert archive_headlines(response) == ["Budget reactions", "Spring budget"]


def test_archive_is_a_list_by_time_with_section_and_headline_not_pictures(
    client, archive, make_section, make_picture
):
    sport = make_section("Sport")
    Article.objects.filter(headline="Spring budget").update(
        section=sport, lead_image=make_picture(name="budget.jpg")
    )

    response = client.get("/archive/2025/03/12/")

    assert archive_lines(response) == ["18:00 World Budget reactions", "12:00 Sport Spring budget"]
    assert "<img" not in response.content.decode().split('<main id="main"')[1]


def test_month_and_year_archives_list_their_stories_under_each_day(client, archive):
    month = client.get("/archive/2025/07/")
    year = client.get("/archive/2025/")

    assert texts(month, css_class="archive-day-heading") == [
        "Friday 04 July 2025",
        "Wednesday 02 July 2025",
    ]
    assert archive_lines(month) == ["00:30 World Past midnight", "15:00 World Summer heat"]
    assert texts(year, css_class="archive-day-heading") == [
        "Friday 04 July 2025",
        "Wednesday 02 July 2025",
        "Wednesday 12 March 2025",
        "Wednesday 01 January 2025",
    ]


def test_archive_pages_hold_more_lines_than_a_list_of_cards(client, make_article, settings):
    settings.NEWSROOM_ARCHIVE_PER_PAGE = 3
    for minute in range(4):
        make_article(publish_at=at(2025, 5, 6, 9, minute))

    assert len(archive_lines(client.get("/archive/2025/05/06/"))) == 3
    assert len(archive_lines(client.get("/archive/2025/05/06/?page=2"))) == 1


def test_days_are_the_newsrooms_not_utc(client, archive):
    assert archive_headlines(client.get("/archive/2025/07/04/")) == ["Past midnight"]
    assert client.get("/archive/2025/07/03/").status_code == 404


def test_day_archive_links_to_the_previous_and_next_days_with_articles(client, archive):
    response = client.get("/archive/2025/03/12/")

    assert link_text(response, "/archive/2025/01/01/") == "← 01 January 2025"
    assert link_text(response, "/archive/2025/07/02/") == "02 July 2025 →"


def test_month_archive_lists_its_articles_and_links_to_its_days(client, archive):
    response = client.get("/archive/2025/07/")

    assert archive_headlines(response) == ["Past midnight", "Summer heat"]
    assert link_text(response, "/archive/2025/07/02/") == "02 July"
    assert link_text(response, "/archive/2025/07/04/") == "04 July"
    assert link_text(response, "/archive/2025/03/") == "← March 2025"


def test_year_archive_lists_the_year_and_links_to_its_months(client, archive):
    response = client.get("/archive/2025/")

    assert archive_headlines(response)[0] == "Past midnight"
    assert len(archive_headlines(response)) == 5
    assert link_text(response, "/archive/2025/01/") == "January"
    assert link_text(response, "/archive/2025/03/") == "March"


def test_archive_front_links_to_each_year_and_lists_the_latest(client, archive, make_article):
    make_article(headline="Last year", publish_at=at(2024, 6, 1, 12))

    response = client.get("/archive/")

    assert link_text(response, "/archive/2025/") == "2025"
    assert link_text(response, "/archive/2024/") == "2024"
    assert archive_headlines(response)[:2] == ["Past midnight", "Summer heat"]


def test_every_page_links_to_the_archive(client, archive):
    assert link_text(client.get("/"), "/archive/") == "The archive, by date"


def test_empty_or_future_periods_are_404(client, archive, make_article):
    make_article(headline="Tomorrow", publish_at=timezone.now() + timedelta(days=1))
    tomorrow = timezone.localdate() + timedelta(days=1)

    assert client.get("/archive/2024/").status_code == 404
    assert client.get("/archive/2025/02/").status_code == 404
    assert client.get(f"/archive/{tomorrow:%Y/%m/%d}/").status_code == 404
    assert client.get("/archive/2025/13/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/archive/0000/",
        "/archive/9999/12/31/",
        "/archive/2025/00/",
        "/archive/2025/02/30/",
        "/archive/2025/99/99/",
        "/archive/2025/3/12/",
    ],
)
def test_dates_that_are_no_dates_are_404(client, archive, url):
    assert client.get(url).status_code == 404


def test_withdrawn_article_leaves_the_archive(client, archive, editor):
    story = Article.objects.get(headline="Spring budget")
    client.get("/archive/2025/03/12/")

    story.withdraw(by=editor, reason="Legal")

    assert archive_headlines(client.get("/archive/2025/03/12/")) == ["Budget reactions"]


# Whether the period has articles; their count; the page of them (with sections and
# comment counts); the months of the year or the days of the month; the
# previous and next periods with articles (a day's page also asks for the months
# around it; the archive's front has no neighbours); the sections for the bar; the next
# scheduled publication, for the page cache.
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/archive/", 6),
        ("/archive/2025/", 8),
        ("/archive/2025/03/", 8),
        ("/archive/2025/03/12/", 9),
    ],
)
def test_archive_pages_take_a_fixed_number_of_queries(
    client, archive, make_article, make_author, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    for hour in range(5):
        make_article(publish_at=at(2025, 3, 12, 10, hour), byline=[make_author()])

    with django_assert_num_queries(queries):
        assert client.get(url + "?again").status_code == 200
