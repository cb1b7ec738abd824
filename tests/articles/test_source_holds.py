"""A story its source killed is never published; an embargoed one not before its embargo."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article


@pytest.fixture
def draft(make_article):
    return make_article(status=Article.Status.DRAFT, dateline="Ankara", source="Reuters")


def test_a_killed_draft_cannot_be_published(draft, editor):
    Article.objects.filter(pk=draft.pk).update(killed_at=timezone.now())

    with pytest.raises(ValidationError) as refusal:
        draft.publish(by=editor)

    assert refusal.value.code == "killed"
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert not draft.events.exists()


def test_an_embargoed_draft_cannot_go_live_before_the_embargo(draft, editor):
    embargo = timezone.now() + timedelta(hours=2)
    Article.objects.filter(pk=draft.pk).update(embargoed_until=embargo)

    with pytest.raises(ValidationError) as refusal:
        draft.publish(by=editor)

    assert refusal.value.code == "embargoed"
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_an_embargoed_draft_may_be_scheduled_for_the_embargo_time(draft, editor):
    embargo = timezone.now() + timedelta(hours=2)
    Article.objects.filter(pk=draft.pk).update(embargoed_until=embargo)
    draft.publish_at = embargo
    Article.objects.filter(pk=draft.pk).update(publish_at=embargo)

    draft.publish(by=editor)

    draft.refresh_from_db()
    assert draft.is_scheduled()
    assert draft.publish_at == embargo


def test_publishing_in_bulk_leaves_killed_and_embargoed_drafts_alone(make_article, editor):
    killed, embargoed, free = (make_article(status=Article.Status.DRAFT) for _ in range(3))
    Article.objects.filter(pk=killed.pk).update(killed_at=timezone.now())
    Article.objects.filter(pk=embargoed.pk).update(
        embargoed_until=timezone.now() + timedelta(hours=1)
    )

    outcome = Article.objects.filter(pk__in=[killed.pk, embargoed.pk, free.pk]).publish(by=editor)

    assert outcome.moved == [free.pk]
    assert outcome.refused[killed.pk].code == "killed"
    assert outcome.refused[embargoed.pk].code == "embargoed"
    assert list(Article.objects.published().values_list("pk", flat=True)) == [free.pk]


def test_the_article_form_refuses_to_publish_a_killed_draft(client, editor, draft, article_form):
    Article.objects.filter(pk=draft.pk).update(killed_at=timezone.now())
    client.force_login(editor)

    response = client.post(
        f"/admin/articles/article/{draft.pk}/change/",
        article_form(draft, served_version=draft.version, _publish="Save and publish"),
    )

    assert response.status_code == 200
    assert "The source killed this story" in response.content.decode()
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT
