"""The article page: what it shows and in which order, its addresses, and its News ID."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import dateformat, timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.pages import assert_in_order, visible_text


@pytest.fixture
def istanbul(settings):
    """The site's clock in Istanbul, three hours ahead of UTC all year."""
    settings.TIME_ZONE = "Europe/Istanbul"


@pytest.fixture
def full_article(article, make_author, make_comment, make_picture):
    """The Reuters rates story with everything an article page can show."""
    article.publish_at = datetime(2021, 2, 12, 18, 57, tzinfo=UTC)
    article.lead_image = make_picture(
        alt_text="The central bank's headquarters in Ankara",
        caption="The bank's Ankara headquarters.",
        credit="Photo: Reuters",
    )
    article.save()
    article.tags.add("Interest rates", "Turkey")
    article.byline.set([make_author("Ayse Demir"), make_author("Can Ozturk")])
    make_comment(article, status="approved", body="Long overdue.")
    make_comment(article, status="approved", body="Markets will cheer.")
    make_comment(article, status="pending", body="Not yet moderated.")
    return article


def test_article_page_shows_its_parts_in_reading_order(client, istanbul, full_article):
    response = client.get(full_article.get_absolute_url())

    today = dateformat.format(timezone.localdate(), "l d F Y")
    assert_in_order(
        visible_text(response),
        today,
        f"News ID: {full_article.news_id}",
        "Publish Date: 12 February 2021 - 21:57",
        "Turkey's central bank raises rates again",
        "The bank surprised markets with a second rise in a month.",
        "The bank's Ankara headquarters. Photo: Reuters",
        "ANKARA (Reuters) – The central bank raised its main rate on Thursday.",
        "Economists had expected a pause.",
        "Interest rates",
        "2 comments",
        "Long overdue.",
        "Markets will cheer.",
        "* Comment:",
    )
    # The tags come in no set order among themselves, only after the body.
    assert_in_order(
        visible_text(response),
        "Economists had expected a pause.",
        "Turkey",
        "2 comments",
    )
    assertNotContains(response, "Not yet moderated.")


def test_article_page_links_its_tags_after_the_body(client, full_article):
    html = client.get(full_article.get_absolute_url()).content.decode()

    for link in [
        '<a class="tag" href="/tag/interest-rates/">Interest rates</a>',
        '<a class="tag" href="/tag/turkey/">Turkey</a>',
    ]:
        assert_in_order(html, '<div class="story-body">', link, 'id="comments-heading"')


def test_article_page_uses_semantic_elements(client, full_article):
    response = client.get(full_article.get_absolute_url())

    html = response.content.decode()
    story = html[html.index('<article class="story">') :]
    assert_in_order(
        story,
        '<article class="story">',
        '<header class="story-header">',
        "<time datetime=",
        "</header>",
        "<figure",
        "<figcaption>",
        "</article>",
    )
    assertContains(
        response,
        f'<link rel="canonical" href="http://testserver/news/{full_article.news_id}/'
        'turkey-central-bank-raises-rates/">',
        html=True,
    )
    assertContains(response, 'alt="The central bank&#39;s headquarters in Ankara"')


def test_article_without_lead_image_has_no_figure(client, article):
    response = client.get(article.get_absolute_url())

    assertNotContains(response, "<figure")
    assertNotContains(response, "<figcaption")


def test_masthead_shows_today_in_the_site_time_zone(client, settings, monkeypatch, make_article):
    story = make_article(publish_at=datetime(2021, 2, 12, 18, 57, tzinfo=UTC))
    # 20:00 in London on the 25th is already the 26th in Kiritimati (UTC+14).
    settings.TIME_ZONE = "Pacific/Kiritimati"
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 25, 20, 0, tzinfo=UTC))

    response = client.get(story.get_absolute_url())

    assertContains(
        response,
        '<time datetime="2026-11-26">Thursday 26 November 2026</time>',
        html=True,
    )


def test_publish_date_is_shown_in_the_site_time_zone(client, istanbul, make_article):
    story = make_article(publish_at=datetime(2021, 2, 12, 18, 57, tzinfo=UTC))

    response = client.get(story.get_absolute_url())

    assert "Publish Date: 12 February 2021 - 21:57" in visible_text(response)
    assertContains(response, 'datetime="2021-02-12T21:57:00+03:00"')


def test_article_changed_long_after_it_went_live_shows_when(client, istanbul, article):
    Article.objects.filter(pk=article.pk).update(
        created_at=datetime(2021, 2, 12, 17, 0, tzinfo=UTC),
        publish_at=datetime(2021, 2, 12, 18, 57, tzinfo=UTC),
        revised_at=datetime(2021, 2, 13, 7, 5, tzinfo=UTC),
    )

    text = visible_text(client.get(article.get_absolute_url()))

    assert "Publish Date: 12 February 2021 - 21:57 Updated: 13 February 2021 - 10:05" in text


def test_byline_links_each_author(client, full_article):
    ayse, can = full_article.byline.order_by("name")

    response = client.get(full_article.get_absolute_url())

    assert "By Ayse Demir and Can Ozturk Reuters" in visible_text(response)
    assertContains(response, f'<a href="/author/{ayse.slug}/">Ayse Demir</a>', html=True)
    assertContains(response, f'<a href="/author/{can.slug}/">Can Ozturk</a>', html=True)


def test_article_page_marks_its_section_current(client, article):
    response = client.get(article.get_absolute_url())

    assertContains(response, '<a href="/section/world/" aria-current="page">World</a>', html=True)


def test_headline_and_standfirst_are_escaped(client, make_article):
    story = make_article(
        headline="<script>alert('headline')</script> Storm",
        standfirst="<b>Bold</b> claims",
    )

    response = client.get(story.get_absolute_url())

    assertNotContains(response, "<script>alert")
    assertContains(response, "&lt;script&gt;alert(&#39;headline&#39;)&lt;/script&gt; Storm")
    assertContains(response, "&lt;b&gt;Bold&lt;/b&gt; claims")


def test_short_url_redirects_permanently_to_the_full_one(client, article):
    response = client.get(f"/news/{article.news_id}/")

    assert response.status_code == 301
    assert response.headers["Location"] == (
        f"/news/{article.news_id}/turkey-central-bank-raises-rates/"
    )


def test_the_short_url_keeps_the_page_of_comments_and_the_campaign_tag_asked_for(client, article):
    response = client.get(f"/news/{article.news_id}/?comments=2&utm_source=newsletter")

    assert response.status_code == 301
    assert response.headers["Location"] == (
        f"{article.get_absolute_url()}?comments=2&utm_source=newsletter"
    )


def test_wrong_slug_redirects_permanently_to_the_right_one(client, article):
    response = client.get(f"/news/{article.news_id}/old-headline-words/")

    assert response.status_code == 301
    assert response.headers["Location"] == article.get_absolute_url()


def test_changed_slug_moves_the_article_and_the_old_address_follows(client, article):
    old_url = article.get_absolute_url()
    article.slug = "turkey-raises-rates-again"
    article.save()

    response = client.get(old_url)

    assert response.status_code == 301
    assert response.headers["Location"] == (f"/news/{article.news_id}/turkey-raises-rates-again/")


def test_unknown_news_id_is_404(client, article):
    assert client.get(f"/news/{article.news_id + 1}/").status_code == 404
    response = client.get(f"/news/{article.news_id + 1}/{article.slug}/")

    assert response.status_code == 404
    assertContains(response, "Page not found", status_code=404)


def test_news_ids_start_at_the_configured_number_and_count_up(settings, make_article):
    settings.NEWSROOM_FIRST_NEWS_ID = 52000

    first, second, third = make_article(), make_article(), make_article()

    assert [first.news_id, second.news_id, third.news_id] == [52000, 52001, 52002]
    assert first.get_absolute_url().startswith("/news/52000/")


def test_first_news_id_is_the_setting(make_article, settings):
    assert make_article().news_id == settings.NEWSROOM_FIRST_NEWS_ID


def test_news_ids_are_unique_and_increasing_whatever_the_status(make_article):
    made = [
        make_article(status=Article.Status.DRAFT),
        make_article(),
        make_article(status=Article.Status.IN_REVIEW),
        make_article(publish_at=timezone.now() + timedelta(days=1)),
    ]

    ids = [a.news_id for a in made]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_news_id_is_kept_when_the_article_is_saved_again(make_article):
    story = make_article()
    news_id = story.news_id

    story.headline = "A better headline"
    story.save()

    story.refresh_from_db()
    assert story.news_id == news_id


ARTICLE_PAGE_QUERIES = 10


def test_article_page_takes_a_fixed_number_of_queries(
    client, make_article, make_author, make_comment, django_assert_num_queries
):
    # The next scheduled publication, which ends the page's life in the page cache; the
    # article with its section and its stored comment count; its byline; its tags; its
    # correction notes (update notes among them); its approved comments with their replies,
    # one page that the stored count says needs no counting; the related stories; the rail's
    # latest and most commented stories (most read asks only when something was read); the
    # sections for the section bar.
    story = make_article(tags=["one"], byline=[make_author()])
    make_comment(story, status="approved")
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        assert client.get(story.get_absolute_url()).status_code == 200

    story.tags.add("two", "three", "four")
    story.byline.add(make_author(), make_author())
    for _ in range(5):
        make_comment(story, status="approved")
    for _ in range(8):
        make_comment(make_article(tags=["one"]), status="approved")
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        response = client.get(story.get_absolute_url())
    assertContains(response, "6 comments")


def test_a_deleted_articles_news_id_is_never_given_again(make_article):
    newest = make_article(status=Article.Status.DRAFT)
    gone = newest.news_id
    newest.delete()

    assert make_article().news_id == gone + 1
