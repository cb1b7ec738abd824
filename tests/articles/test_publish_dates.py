"""Publish dates stay within the years the site can show, and no stored date breaks a page."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import Article
from tests.pages import archive_headlines

ADD_URL = "/admin/articles/article/add/"
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("day", "button"),
    [("0001-01-01", "_publish"), ("1899-12-31", "_publish"), ("3000-01-01", "_schedule")],
)
def test_a_publish_date_no_archive_could_show_is_refused_beside_the_field(
    client, editor, article_form, day, button
):
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(status=None, publish_at_0=day, publish_at_1="09:00:00", **{button: "Go"}),
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.has_error("publish_at", "date_out_of_range")
    assert "Choose a date between 1900 and 2999." in form.errors["publish_at"]
    assert not Article.objects.exists()


def test_an_old_story_may_be_dated_in_the_last_century(client, editor, article_form):
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(
            status=None,
            publish_at_0="1969-07-21",
            publish_at_1="03:56:00",
            _publish="Save and publish",
        ),
    )

    assert response.status_code == 302
    assert Article.objects.get().publish_at.year == 1969


def test_the_range_is_a_setting(client, editor, article_form, settings):
    settings.NEWSROOM_EARLIEST_YEAR = 2000
    client.force_login(editor)

    response = client.post(
        ADD_URL,
        article_form(
            status=None,
            publish_at_0="1999-12-31",
            publish_at_1="09:00:00",
            _publish="Save and publish",
        ),
    )

    assert response.context["adminform"].form.has_error("publish_at", "date_out_of_range")


@pytest.fixture
def year_one(make_article):
    """A story whose date was stored before dates were checked (an import, an old form)."""
    make_article(headline="A story of this year")
    story = make_article(headline="A story from year one")
    Article.objects.filter(pk=story.pk).update(publish_at=datetime(1, 1, 1, 12, tzinfo=UTC))
    return story


def test_the_archive_never_fails_on_a_stored_date_it_cannot_show(client, year_one):
    this_year = timezone.localdate().year

    index = client.get("/archive/")
    year = client.get(f"/archive/{this_year}/")

    assert index.status_code == 200
    assert year.status_code == 200
    assert archive_headlines(year) == ["A story of this year"]
    assert "/archive/0001/" not in index.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/", "/feed/", "/feed/atom/", "/sitemap.xml", "/news-sitemap.xml", "/corrections/"],
)
def test_no_public_page_fails_on_a_stored_year_one(client, year_one, url):
    assert client.get(url).status_code == 200


def test_the_year_one_article_page_itself_still_opens(client, year_one):
    response = client.get(year_one.get_absolute_url())

    assert response.status_code == 200
    assert "A story from year one" in response.content.decode()
