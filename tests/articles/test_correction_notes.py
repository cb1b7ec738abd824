"""Corrections as content: public notes on live articles, under the article and on /corrections/."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, ArticleEvent, Correction
from tests.forms import form_data


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def test_an_editor_saves_a_correction_with_the_text_change_it_explains(
    client, editor, article, article_form
):
    client.force_login(editor)

    response = client.post(
        change_url(article),
        article_form(
            article=article,
            body="The central bank raised its main rate on Wednesday.",
            correction_kind="correction",
            correction_text="An earlier version said the rate rose on Thursday.",
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert "Wednesday" in article.body
    correction = article.corrections.get()
    assert (correction.kind, correction.added_by) == ("correction", editor)
    assert article.events.filter(action=ArticleEvent.Action.CORRECTED, actor=editor).exists()
    page = Client().get(article.get_absolute_url())
    assertContains(page, "This article was corrected on")
    assertContains(page, "An earlier version said the rate rose on Thursday.")
    assertContains(page, 'class="correction-kind">Correction<')


def test_the_change_form_offers_the_note_only_to_editors_on_live_articles(
    client, editor, reporter, article, make_article
):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(editor)
    assertContains(client.get(change_url(article)), 'name="correction_text"')
    assertNotContains(client.get(change_url(draft)), 'name="correction_text"')

    client.force_login(reporter)
    assertNotContains(client.get(change_url(article)), 'name="correction_text"')


def test_a_note_without_its_text_is_refused_beside_the_field(client, editor, article):
    client.force_login(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    data.update(correction_kind="clarification", correction_text="  ")

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("correction_text", "text_required")
    assert not Correction.objects.exists()


def test_a_note_cannot_go_with_taking_the_article_off_the_site(client, editor, article):
    client.force_login(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    data.update(status="draft", correction_kind="update", correction_text="Police named him.")

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("correction_text", "not_live")
    article.refresh_from_db()
    assert article.is_published()
    assert not Correction.objects.exists()


def test_add_correction_is_for_editors_and_live_articles_only(
    editor, reporter, article, make_article
):
    with pytest.raises(PermissionDenied):
        article.add_correction("correction", "Wrong name.", by=reporter)
    scheduled = make_article(publish_at=timezone.now() + timedelta(hours=2))
    with pytest.raises(ValidationError) as refusal:
        scheduled.add_correction("correction", "Wrong name.", by=editor)
    assert refusal.value.code == "not_live"
    with pytest.raises(ValidationError):
        article.add_correction("retraction", "Not a kind we use.", by=editor)
    assert not Correction.objects.exists()
    assert not ArticleEvent.objects.filter(action=ArticleEvent.Action.CORRECTED).exists()


def test_notes_show_newest_first_and_the_flag_gives_the_newest_date(client, editor, article):
    older = article.add_correction("clarification", "The rate is the one-week repo.", by=editor)
    Correction.objects.filter(pk=older.pk).update(published_at=timezone.now() - timedelta(days=3))
    article.add_correction("update", "The governor spoke on Friday.", by=editor)

    page = client.get(article.get_absolute_url()).content.decode()

    assert page.index("The governor spoke") < page.index("The rate is the one-week repo")
    # The newest note is an update: the flag says so.
    assert f'updated on <time datetime="{timezone.localtime():%Y-%m-%d}' in page


def test_a_correction_never_moves_the_article_up_the_front_page(client, editor, make_article):
    older = make_article(headline="Older story", publish_at=timezone.now() - timedelta(days=1))
    make_article(headline="Newer story", publish_at=timezone.now() - timedelta(hours=1))

    older.add_correction("correction", "The minister's name was misspelled.", by=editor)

    front = client.get("/").content.decode()
    assert front.index("Newer story") < front.index("Older story")
    older.refresh_from_db()
    assert older.publish_at < timezone.now() - timedelta(hours=23)


def test_corrections_page_lists_notes_on_live_articles_newest_first(
    client, editor, make_article, django_assert_num_queries
):
    first = make_article(headline="Dam bursts upstream")
    second = make_article(headline="Mayor resigns")
    first.add_correction("correction", "The dam is 40 km upstream, not 14.", by=editor)
    second.add_correction("clarification", "She resigned as mayor, not as councillor.", by=editor)
    unpublished = make_article(headline="Pulled story")
    unpublished.add_correction("update", "Kept off the list.", by=editor)
    unpublished.unpublish(by=editor)

    with django_assert_num_queries(4):
        # The notes with their articles and sections; their count for the page links;
        # the sections for the section bar; the next scheduled publication (page cache).
        response = client.get("/corrections/")

    page = response.content.decode()
    assert page.index("Mayor resigns") < page.index("Dam bursts upstream")
    assertContains(response, f'href="{second.get_absolute_url()}#correction-')
    assertNotContains(response, "Kept off the list.")


def test_corrections_page_is_paginated_by_the_setting(client, settings, editor, make_article):
    settings.NEWSROOM_CORRECTIONS_PER_PAGE = 2
    for n in range(3):
        make_article(headline=f"Story {n}").add_correction("update", f"Note {n}.", by=editor)

    first = client.get("/corrections/")
    assert first.content.decode().count('class="correction-item"') == 2
    assertContains(client.get("/corrections/?page=2"), "Note 0.")
    assert client.get("/corrections/?page=3").status_code == 404


def test_corrections_feed_carries_each_note_with_its_link(client, editor, article):
    correction = article.add_correction("correction", "The vote was 250 to 90.", by=editor)

    response = client.get("/corrections/feed/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assertContains(response, "The vote was 250 to 90.")
    assertContains(response, "<title>Correction: Turkey")
    assertContains(response, f"#correction-{correction.pk}")


def test_a_new_correction_reaches_readers_of_cached_pages(client, editor, article):
    assertNotContains(client.get(article.get_absolute_url()), "corrected on")
    assertNotContains(client.get("/corrections/"), article.get_absolute_url())

    article.add_correction("correction", "The rise was 250 basis points.", by=editor)

    assertContains(client.get(article.get_absolute_url()), "The rise was 250 basis points.")
    assertContains(client.get("/corrections/"), article.get_absolute_url())


def test_schema_corrections_gives_each_note_as_a_correction_comment(editor, article):
    article.add_correction("clarification", "The rate is the one-week repo.", by=editor)

    (note,) = article.schema_corrections()

    assert note["@type"] == "CorrectionComment"
    assert note["text"] == "Clarification: The rate is the one-week repo."
    assert note["datePublished"]
