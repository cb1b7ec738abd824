"""Agency updates: shown on the article's form word by word, applied without overwriting editors."""

import pytest

from articles.models import Article, ArticleRevision
from wire.drafting import draft_from
from wire.models import WireItem
from wire.updates import apply_update


@pytest.fixture
def fetched(deliver, editor):
    """A draft made from version 1; then the agency sends version 2."""
    deliver("story.ninjs3.json")
    article = draft_from(WireItem.objects.get(), by=editor)
    deliver("story-v2.ninjs3.json")
    return Article.objects.get(pk=article.pk)


def test_the_articles_form_says_an_update_is_available_with_the_words_that_changed(
    client, editor, fetched
):
    client.force_login(editor)

    page = client.get(f"/admin/articles/article/{fetched.pk}/change/").content.decode()

    assert "Agency update available: version 2" in page
    assert "tight policy<ins> until inflation falls</ins>, central bank" in page
    assert "<ins>The lira was little changed at 35.4 to the dollar.</ins>" in page
    assert "Apply update" in page
    assert WireItem.objects.get().state() == "Updated since fetched"


def test_applying_an_update_to_an_untouched_draft_takes_the_agencys_copy(fetched, editor):
    taken, kept = apply_update(WireItem.objects.get(), by=editor)

    article = Article.objects.get(pk=fetched.pk)
    assert taken == ["Headline", "Body"]
    assert kept == []
    assert article.headline.endswith("until inflation falls, central bank chief says")
    assert "The lira was little changed" in article.body
    assert WireItem.objects.get().state() == "Fetched"


def test_an_update_never_overwrites_what_an_editor_changed(fetched, editor):
    fetched.headline = "Turkey's central bank holds its course"
    fetched.save()

    taken, kept = apply_update(WireItem.objects.get(), by=editor)

    article = Article.objects.get(pk=fetched.pk)
    assert article.headline == "Turkey's central bank holds its course"
    assert "The lira was little changed" in article.body
    assert (taken, kept) == (["Body"], ["Headline"])


def test_a_live_article_gets_the_update_as_a_pending_revision(fetched, editor, reporter):
    fetched.publish(by=editor)

    apply_update(WireItem.objects.get(), by=reporter)

    article = Article.objects.get(pk=fetched.pk)
    assert "The lira" not in article.body
    revision = article.open_revision()
    assert revision.status == ArticleRevision.Status.DRAFT
    assert revision.changed_fields() == ["headline", "body"]
    article.publish_revision(revision, by=editor)
    assert "The lira was little changed" in Article.objects.get(pk=fetched.pk).body


def test_apply_update_from_the_form_reports_what_it_took(client, editor, fetched):
    client.force_login(editor)
    item = WireItem.objects.get()

    response = client.post(f"/admin/wire/wireitem/{item.pk}/apply-update/", follow=True)

    page = response.content.decode()
    assert "The agency&#x27;s headline, body went into the draft." in page
    assert "Agency update available" not in page


def test_there_is_nothing_to_apply_twice(client, editor, fetched):
    client.force_login(editor)
    item = WireItem.objects.get()
    client.post(f"/admin/wire/wireitem/{item.pk}/apply-update/")

    response = client.post(f"/admin/wire/wireitem/{item.pk}/apply-update/", follow=True)

    assert "There is no agency update to apply." in response.content.decode()


def test_apply_update_on_the_form_is_a_link_to_confirm_so_enter_still_saves(
    client, editor, fetched
):
    client.force_login(editor)
    item = WireItem.objects.get()

    form = client.get(f"/admin/articles/article/{fetched.pk}/change/").content.decode()
    confirm = client.get(f"/admin/wire/wireitem/{item.pk}/apply-update/").content.decode()

    assert f'href="/admin/wire/wireitem/{item.pk}/apply-update/">Apply update</a>' in form
    assert "formaction" not in form
    assert "tight policy<ins> until inflation falls</ins>" in confirm
    assert '<button type="submit" class="button default">Apply update</button>' in confirm
    assert Article.objects.get(pk=fetched.pk).headline == fetched.headline


def test_moderators_cannot_see_or_apply_agency_updates(client, moderator, fetched):
    client.force_login(moderator)
    item = WireItem.objects.get()

    assert client.get(f"/admin/wire/wireitem/{item.pk}/apply-update/").status_code == 403
    assert client.post(f"/admin/wire/wireitem/{item.pk}/apply-update/").status_code == 403
