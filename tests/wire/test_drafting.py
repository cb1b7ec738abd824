"""Fetch to draft: one button makes the newsroom's own draft, once, credited to the agency."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import Article
from images.models import LibraryImage
from wire.drafting import draft_from
from wire.models import WireItem


@pytest.fixture
def item(deliver):
    deliver("ankara-central-bank.jpg", "story.ninjs2.json")
    return WireItem.objects.get()


def test_fetching_makes_a_draft_with_the_agencys_copy_and_credit(item, editor, section):
    article = draft_from(item, by=editor)

    assert article.status == Article.Status.DRAFT
    assert (
        article.headline == "Turkey will not turn back from tight policy, central bank chief says"
    )
    assert article.standfirst == (
        "The bank will keep rates high until inflation falls for good, its governor says."
    )
    assert (article.dateline, article.source, article.section) == ("Ankara", "Reuters", section)
    assert article.body_html.startswith(
        '<p><span class="dateline">ANKARA (Reuters) – </span>Turkey will not turn back'
    )
    assert sorted(article.tags.names()) == ["Central banks", "Economy"]
    assert [author.name for author in article.byline.all()] == ["Ece Toksabay"]
    assert article.created_by == editor
    item.refresh_from_db()
    assert (item.article, item.drafted_number, item.fetched_by) == (article, 1, editor)
    assert item.state() == "Fetched"


def test_the_picture_sent_with_the_story_joins_the_library_and_leads_the_draft(item, editor):
    article = draft_from(item, by=editor)

    picture = LibraryImage.objects.get()
    assert picture.caption.startswith("The Central Bank of the Republic of Turkey's headquarters")
    assert picture.credit == "Cagla Gurdogan/Reuters"
    assert picture.alt_text == "The central bank's headquarters in Ankara"
    assert (picture.width, picture.height) == (1200, 800)
    assert article.lead_image == picture
    assert article.lead_alt_text == "The central bank's headquarters in Ankara"


def test_a_picture_named_outside_the_drop_folder_is_left_out(item, editor):
    version = item.current_version()
    version.content["pictures"][0]["href"] = "../../etc/passwd"
    version.save()

    article = draft_from(item, by=editor)

    assert not article.lead_image
    assert not LibraryImage.objects.exists()


def test_fetching_twice_gives_the_same_draft(item, editor, reporter):
    first = draft_from(item, by=editor)

    again = draft_from(item, by=reporter)

    assert again == first
    assert Article.objects.count() == 1


def test_a_killed_story_cannot_be_fetched(deliver, editor):
    deliver("story.newsitem.xml", "story-kill.newsitem.xml")

    with pytest.raises(ValidationError) as refusal:
        draft_from(WireItem.objects.get(), by=editor)

    assert refusal.value.code == "killed"
    assert not Article.objects.exists()


def test_an_embargoed_story_is_drafted_scheduled_for_the_embargo_and_cannot_go_live_sooner(
    deliver, editor
):
    deliver("embargo.ninjs2.json")
    article = draft_from(WireItem.objects.get(), by=editor)
    embargo = WireItem.objects.get().embargoed_until

    assert article.embargoed_until == embargo
    assert article.publish_at == embargo
    article.publish_at = None
    Article.objects.filter(pk=article.pk).update(publish_at=None)
    with pytest.raises(ValidationError):
        article.publish(by=editor)
    article.publish_at = embargo
    Article.objects.filter(pk=article.pk).update(publish_at=embargo)
    article.publish(by=editor)
    assert Article.objects.get(pk=article.pk).is_scheduled()


def test_only_the_desk_may_fetch(item, moderator):
    with pytest.raises(PermissionDenied):
        draft_from(item, by=moderator)


def test_a_reporter_fetches_and_lands_on_the_drafts_form(client, reporter, item):
    client.force_login(reporter)

    response = client.post(f"/admin/wire/wireitem/{item.pk}/fetch/")

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/articles/article/{article.pk}/change/"
    form = client.get(response["Location"]).content.decode()
    assert "From the wire: Reuters" in form
    assert "For use by licensed subscribers only." in form


def test_fetching_is_a_post(client, editor, item):
    client.force_login(editor)

    assert client.get(f"/admin/wire/wireitem/{item.pk}/fetch/").status_code == 405
    assert not Article.objects.exists()
