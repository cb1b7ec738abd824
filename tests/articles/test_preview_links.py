"""Preview links: an editor shares one copy of an unpublished article, or of a pending revision."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, PreviewLink, PreviewVisit
from tests.forms import form_data
from tests.pages import text


@pytest.fixture
def draft(make_article):
    return make_article(
        headline="Minister to resign, aides say",
        status=Article.Status.DRAFT,
        body="The minister will step down on Monday.",
        tags=["Cabinet"],
    )


def links_url(article):
    return f"/admin/articles/article/{article.pk}/preview-links/"


def test_an_editor_makes_a_link_and_anyone_with_it_sees_the_draft(client, editor, draft):
    client.force_login(editor)
    client.post(links_url(draft), {"make": "Make a preview link"})
    link = draft.preview_links.get()
    assert link.created_by == editor
    assert link.expires_at - link.created_at == timedelta(hours=48)

    response = Client(REMOTE_ADDR="203.0.113.9").get(link.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "Minister to resign, aides say")
    assertContains(response, "The minister will step down on Monday.")
    assertContains(response, "Preview:")
    assertContains(response, ">Cabinet<")
    assertNotContains(response, 'name="body"')  # no comment form
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Cache-Control"] == "private, no-store"


def test_the_link_shows_the_copy_it_was_made_for_not_later_edits(editor, draft):
    link = draft.make_preview_link(by=editor)
    draft.body = "Later draft text."
    draft.save()

    response = Client().get(link.get_absolute_url())

    assertContains(response, "The minister will step down on Monday.")
    assertNotContains(response, "Later draft text.")


def test_a_live_articles_link_shows_its_pending_revision(editor, reporter, article):
    article.propose_revision(by=reporter, content={"headline": "Central bank raises rates again"})
    link = article.make_preview_link(by=editor)

    before = Client().get(article.get_absolute_url())
    preview = Client().get(link.get_absolute_url())
    after = Client().get(article.get_absolute_url())

    assertContains(preview, "Central bank raises rates again")
    assertContains(preview, "a pending revision")
    # Neither copy is taken for the other from the kept parts of the article page.
    assertNotContains(preview, "Turkey&#39;s central bank raises rates again")
    assertNotContains(before, "Central bank raises rates again")
    assertNotContains(after, "Central bank raises rates again")


def test_a_live_article_without_a_revision_has_nothing_to_preview(editor, article):
    with pytest.raises(ValidationError) as refusal:
        article.make_preview_link(by=editor)
    assert refusal.value.code == "nothing_to_preview"


def test_only_editors_make_and_revoke_links(client, editor, reporter, draft):
    with pytest.raises(PermissionDenied):
        draft.make_preview_link(by=reporter)
    link = draft.make_preview_link(by=editor)
    with pytest.raises(PermissionDenied):
        link.revoke(by=reporter)

    client.force_login(reporter)
    assert client.post(links_url(draft), {"make": "1"}).status_code == 403
    assert client.post(links_url(draft), {"revoke": str(link.pk)}).status_code == 403
    assertNotContains(client.get(links_url(draft)), "Make a preview link")
    assert PreviewLink.objects.count() == 1


def test_a_revoked_link_answers_410_at_once(client, editor, draft):
    link = draft.make_preview_link(by=editor)
    reader = Client()
    assert reader.get(link.get_absolute_url()).status_code == 200
    client.force_login(editor)
    page = client.get(links_url(draft))

    client.post(links_url(draft), {**form_data(page), "revoke": str(link.pk)})

    gone = reader.get(link.get_absolute_url())
    assert gone.status_code == 410
    assert text(gone, css_class="error-page").startswith("This preview link has closed")
    assert "It has expired or was revoked." in text(gone, css_class="error-page")
    assert gone["Cache-Control"] == "private, no-store"
    link.refresh_from_db()
    assert link.revoked_by == editor


def test_an_expired_link_answers_410(editor, draft, settings):
    settings.NEWSROOM_PREVIEW_LINK_HOURS = 1
    link = draft.make_preview_link(by=editor)
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert Client().get(link.get_absolute_url()).status_code == 410


def test_a_tampered_link_is_not_found(editor, draft):
    link = draft.make_preview_link(by=editor)
    other = draft.make_preview_link(by=editor)
    token = link.get_absolute_url().split("/")[2]
    forged = f"{other.pk}:{token.split(':')[1]}"

    assert Client().get(f"/preview/{forged}/").status_code == 404
    assert Client().get("/preview/1/").status_code == 404


def test_every_use_is_recorded_as_a_hashed_address_and_shown_on_the_form(client, editor, draft):
    link = draft.make_preview_link(by=editor)
    Client(REMOTE_ADDR="203.0.113.9").get(link.get_absolute_url())
    Client(REMOTE_ADDR="198.51.100.7").get(link.get_absolute_url())

    visits = list(PreviewVisit.objects.filter(link=link))
    assert len(visits) == 2
    assert all(len(v.visitor_hash) == 64 for v in visits)
    assert "203.0.113.9" not in {v.visitor_hash for v in visits}
    client.force_login(editor)
    form = client.get(f"/admin/articles/article/{draft.pk}/change/")
    assertContains(form, "Preview links and their use")
    assertContains(form, visits[0].visitor_hash[:10])
    assertContains(form, link.get_absolute_url())


def test_a_preview_is_never_kept_by_the_page_cache_nor_listed(editor, draft):
    link = draft.make_preview_link(by=editor)
    reader = Client()
    reader.get(link.get_absolute_url())
    link.revoke(by=editor)

    assert reader.get(link.get_absolute_url()).status_code == 410
    for page in ["/", "/feed/", "/sitemap.xml", "/search/?q=minister"]:
        assertNotContains(reader.get(page), "Minister to resign")


def test_a_withdrawn_articles_links_stop(editor, article, reporter):
    article.propose_revision(by=reporter, content={"headline": "New headline"})
    link = article.make_preview_link(by=editor)
    article.refresh_from_db()
    article.withdraw(by=editor, reason="Legal")

    assert Client().get(link.get_absolute_url()).status_code == 410


def test_a_preview_takes_a_fixed_number_of_queries(
    editor, make_article, make_author, django_assert_num_queries
):
    story = make_article(status=Article.Status.DRAFT, tags=["one", "two"])
    story.byline.set([make_author(), make_author()])
    link = story.make_preview_link(by=editor)
    # The link with its article; the visit recorded; the section; the byline; the tags;
    # the rail's latest and most commented; the sections for the section bar.
    with django_assert_num_queries(8):
        assert Client().get(link.get_absolute_url()).status_code == 200


def test_a_preview_links_page_for_no_article_is_not_found(client, editor):
    client.force_login(editor)

    assert client.get("/admin/articles/article/abc/preview-links/").status_code == 404
    assert client.post("/admin/articles/article/999/preview-links/").status_code == 404
