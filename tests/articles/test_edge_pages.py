"""The edge pages readers may land on (a closed preview link, a withdrawn article, a
page that is not there, a server error) sit in the site's own frame and say what happened."""

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone
from django.utils.formats import date_format
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import ArticleEvent
from newsroom.views import server_error
from tests.pages import text

pytestmark = pytest.mark.django_db

WITHDRAW_URL = "/admin/articles/article/{}/withdraw/"


def in_the_sites_frame(response):
    """The masthead's wordmark, the section bar and the footer: the site's own page."""
    page = response.content.decode()
    return all(
        mark in page
        for mark in ['class="wordmark"', 'class="site-footer"', "vendor/bootstrap/bootstrap"]
    )


def test_a_closed_preview_link_says_so_in_the_sites_frame(
    editor, make_article, django_assert_num_queries
):
    draft = make_article(headline="Secret merger talks", status="draft")
    link = draft.make_preview_link(by=editor)
    link.revoke(by=editor)

    # The link, then the frame's sections.
    with django_assert_num_queries(2):
        response = Client().get(link.get_absolute_url())

    assert response.status_code == 410
    assert in_the_sites_frame(response)
    assert text(response, css_class="error-page") == (
        "This preview link has closed It has expired or was revoked. Ask the editor who sent "
        "it for a new one. Published articles are on the front page ."
    )
    # What it previewed is nobody's business once it is closed.
    assertNotContains(response, "Secret merger talks", status_code=410)
    assertContains(response, '<meta name="robots" content="noindex, nofollow">', status_code=410)
    assert response["Cache-Control"] == "private, no-store"


def test_a_withdrawn_article_says_when_and_why_in_one_sentence(
    client, editor, article, make_comment, django_assert_num_queries
):
    make_comment(article, status="approved", body="A reader's comment on the rates.")
    article.withdraw(by=editor, reason="It named a witness the court ordered us not to name")
    when = date_format(timezone.localtime(article.withdrawn_at), "d F Y")

    # The page cache's next scheduled article, the live article (none), the withdrawn one,
    # then the frame's sections: however many comments it had.
    with django_assert_num_queries(4):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assert in_the_sites_frame(response)
    assert text(response, css_class="withdrawn-headline") == article.headline
    assert text(response, css_class="withdrawn-notice") == (
        f"This article was withdrawn on {when} , for this reason: “It named a witness the "
        "court ordered us not to name”."
    )
    # Muted, not struck through; no body and no comments.
    assertNotContains(response, "<s>", status_code=410)
    assertNotContains(response, "Economists had expected a pause", status_code=410)
    assertNotContains(response, "A reader's comment on the rates.", status_code=410)


def test_withdrawing_keeps_the_reason_for_readers_and_in_the_record(editor, article):
    article.withdraw(by=editor, reason="  Withdrawn at the source's request ")

    article.refresh_from_db()
    assert article.withdrawal_reason == "Withdrawn at the source's request"
    event = article.events.get(action=ArticleEvent.Action.WITHDRAWN)
    assert event.note == "  Withdrawn at the source's request "


def test_an_editor_withdraws_with_a_reason_written_for_readers(client, editor, article):
    client.force_login(editor)
    page = client.get(WITHDRAW_URL.format(article.pk))
    assertContains(page, "Reason, shown to readers")

    response = client.post(
        WITHDRAW_URL.format(article.pk),
        {"version": article.version, "note": "The interview it quoted did not take place"},
    )

    assert response.status_code == 302
    reader = Client().get(article.get_absolute_url())
    assert text(reader, css_class="withdrawn-notice").endswith(
        "for this reason: “The interview it quoted did not take place”."
    )


def test_an_article_withdrawn_without_a_reason_on_record_says_only_when(client, editor, article):
    article.withdraw(by=editor, reason="Legal")
    # Articles withdrawn before reasons were shown to readers have none kept for them.
    type(article).objects.filter(pk=article.pk).update(withdrawal_reason="")
    when = date_format(timezone.localtime(article.withdrawn_at), "d F Y")

    response = client.get(article.get_absolute_url())

    assert text(response, css_class="withdrawn-notice") == (
        f"This article was withdrawn on {when} ."
    )


def test_a_missing_page_is_in_the_sites_frame(client, django_assert_num_queries):
    # The frame's sections only.
    with django_assert_num_queries(1):
        response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert in_the_sites_frame(response)
    assert text(response, css_class="error-page").startswith("Page not found")


def test_a_server_error_is_in_the_sites_frame(settings, section):
    settings.ROOT_URLCONF = "tests.server_error_urls"
    reader = Client(raise_request_exception=False)

    response = reader.get("/fault/")

    assert response.status_code == 500
    assert in_the_sites_frame(response)
    assert section.name in text(response, css_class="site-footer")
    assert text(response, css_class="error-page").startswith("Something went wrong")


def test_a_server_error_whose_frame_fails_still_answers_plainly():
    # A page that cannot be drawn stands for a frame that cannot be (the database down).
    response = server_error(RequestFactory().get("/"), template_name="no-such-page.html")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert 'class="wordmark"' not in response.content.decode()
