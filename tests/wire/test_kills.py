"""An agency's kill: live copy comes down at once, by the wire desk, and a draft never goes up."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, ArticleEvent
from wire import ingest
from wire.drafting import draft_from
from wire.holds import KILL_REASON
from wire.models import WireItem


@pytest.fixture
def live(deliver, editor):
    deliver("story.newsitem.xml")
    article = draft_from(WireItem.objects.get(), by=editor)
    article.publish(by=editor)
    return article


def test_a_kill_withdraws_the_live_article_as_the_wire_desk(client, deliver, live):
    assert client.get(live.get_absolute_url()).status_code == 200

    tally = deliver("story-kill.newsitem.xml")

    article = Article.objects.get(pk=live.pk)
    assert tally.killed == 1
    assert article.is_withdrawn()
    assert article.killed_at is not None
    event = article.events.get(action=ArticleEvent.Action.WITHDRAWN)
    assert (event.actor.username, event.note) == ("wire-desk", KILL_REASON)
    response = client.get(live.get_absolute_url())
    assert response.status_code == 410
    assert live.headline not in client.get("/feed/").content.decode()
    assert live.get_absolute_url() not in client.get("/sitemap-articles.xml").content.decode()


def test_a_killed_draft_can_never_be_published(deliver, editor):
    deliver("story.newsitem.xml")
    draft = draft_from(WireItem.objects.get(), by=editor)

    deliver("story-kill.newsitem.xml")

    draft = Article.objects.get(pk=draft.pk)
    assert draft.status == Article.Status.DRAFT
    with pytest.raises(ValidationError):
        draft.publish(by=editor)
    assert Article.objects.filter(pk=draft.pk).publish(by=editor).moved == []


def test_the_kill_shows_on_the_drafts_form(client, deliver, editor):
    deliver("story.newsitem.xml")
    draft = draft_from(WireItem.objects.get(), by=editor)
    deliver("story-kill.newsitem.xml")
    client.force_login(editor)

    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()

    assert "The agency killed this story" in page
    assert "It cannot be published." in page


def test_a_kill_that_could_not_be_passed_on_is_done_on_the_next_run(deliver, live, provider):
    # The kill arrived; the article was changed by someone at that very moment.
    WireItem.objects.update(killed_at=live.updated_at, pub_status="canceled")

    ingest.run(provider)

    assert Article.objects.get(pk=live.pk).is_withdrawn()
