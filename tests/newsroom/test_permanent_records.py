"""What README.md promises is kept for good stays, whatever path tries to delete it.

Decisions, comments, reports, bans, notifications, correction notes, editorial events and
article versions refuse deletion by instance and by queryset; the people they name are
deactivated instead of deleted; a tag on a published article is merged, not deleted.
"""

from contextlib import contextmanager
from datetime import timedelta

import pytest
import reversion
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Revision, Version
from taggit.models import Tag

from articles.models import Article, ArticleEvent, Correction
from comments.models import Ban, Comment, Decision, Notification, Report


@pytest.fixture
def on_record(article, make_comment, editor, moderator):
    """One of each kept record: a decision, report, ban, notification, correction, event."""
    comment = make_comment(article, email="reader@example.com", ip_hash="a" * 64)
    comment.approve(by=moderator)
    Report.objects.create(comment=comment, reason=Report.Reason.SPAM, ip_hash="b" * 64)
    Ban.impose(comment=comment, kind=Ban.Kind.ADDRESS, days=7, reason="spam run", by=moderator)
    Notification.objects.create(
        kind=Notification.Kind.APPROVED,
        comment=comment,
        recipient="reader@example.com",
        subject="Your comment is published",
        body="Read it on the site.",
        sent_at=timezone.now(),
    )
    article.add_correction(Correction.Kind.CORRECTION, "The rate is 50%, not 5%.", by=editor)
    with reversion.create_revision():
        reversion.set_user(editor)
        article.save()
    return article


@contextmanager
def refused(match=None):
    """The delete raises ProtectedError and changes nothing.

    Its own savepoint: a refusal from a `pre_delete` receiver (reversion's rows, people,
    tags) comes from inside Django's delete transaction, as any failed delete does.
    """
    with pytest.raises(ProtectedError, match=match), transaction.atomic():
        yield


KEPT = [Comment, Decision, Report, Ban, Notification, Correction, Version, Revision]


def counts():
    return {model.__name__: model.objects.count() for model in [*KEPT, ArticleEvent]}


@pytest.mark.parametrize("model", KEPT, ids=lambda model: model.__name__)
def test_no_kept_record_is_deleted_through_its_queryset(on_record, model):
    before = counts()
    assert before[model.__name__] > 0

    with refused():
        model.objects.all().delete()

    assert counts() == before


@pytest.mark.parametrize("model", KEPT, ids=lambda model: model.__name__)
def test_no_kept_record_is_deleted_one_at_a_time(on_record, model):
    before = counts()

    with refused():
        model.objects.first().delete()

    assert counts() == before


def test_a_pending_comment_nobody_decided_is_kept_too(article, make_comment):
    comment = make_comment(article)

    with refused():
        comment.delete()
    with refused():
        Comment.objects.filter(pk=comment.pk).delete()

    assert Comment.objects.filter(pk=comment.pk).exists()


def test_the_editorial_record_of_a_published_article_stays(on_record):
    before = counts()

    with refused():
        ArticleEvent.objects.all().delete()
    with refused():
        ArticleEvent.objects.first().delete()

    assert counts() == before


# --- People ---


def test_an_editor_on_record_cannot_be_deleted_and_every_event_keeps_their_name(on_record, editor):
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(on_record.pk),
        object_repr=str(on_record),
        action_flag=ADDITION,
    )
    events = ArticleEvent.objects.filter(actor=editor).count()

    with refused():
        editor.delete()
    with refused():
        User.objects.filter(pk=editor.pk).delete()

    assert User.objects.filter(pk=editor.pk).exists()
    assert LogEntry.objects.filter(user=editor).count() == 1
    assert ArticleEvent.objects.filter(actor=editor).count() == events > 0
    assert not ArticleEvent.objects.filter(actor=None).exists()


def test_a_moderator_who_decided_cannot_be_deleted(on_record, moderator):
    with refused():
        moderator.delete()

    assert Decision.objects.filter(moderator=moderator).exists()


@pytest.mark.parametrize("record", ["admin log", "version"])
def test_an_account_named_only_by_the_admin_log_or_a_version_is_kept(article, db, record):
    clerk = User.objects.create_user("clerk", is_staff=True)
    if record == "admin log":
        LogEntry.objects.create(
            user=clerk,
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(article.pk),
            object_repr=str(article),
            action_flag=ADDITION,
        )
    else:
        with reversion.create_revision():
            reversion.set_user(clerk)
            article.save()

    with refused(match="deactivate the account"):
        clerk.delete()

    assert User.objects.filter(username="clerk").exists()
    assert LogEntry.objects.filter(user=clerk).exists() or Revision.objects.filter(user=clerk)


def test_an_account_with_no_record_may_be_deleted(db):
    User.objects.create_user("visitor")

    User.objects.filter(username="visitor").delete()

    assert not User.objects.filter(username="visitor").exists()


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.com", "pw")


def test_the_admin_offers_deactivating_a_person_on_record_not_deleting(client, root, on_record):
    editor = User.objects.get(username="editor")
    client.force_login(root)

    page = client.get(f"/admin/auth/user/{editor.pk}/change/")
    delete_page = client.get(f"/admin/auth/user/{editor.pk}/delete/")
    bulk = client.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [editor.pk], "post": "yes"},
    )

    assertContains(page, "Untick Active to close it")
    assertNotContains(page, f"/admin/auth/user/{editor.pk}/delete/")
    assert delete_page.status_code == 403
    assertContains(bulk, "Untick Active to close it")
    assert User.objects.filter(pk=editor.pk).exists()


def test_the_admin_still_deletes_an_account_with_no_record(client, root):
    visitor = User.objects.create_user("visitor")
    client.force_login(root)

    response = client.post(f"/admin/auth/user/{visitor.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(username="visitor").exists()


# --- Tags ---


def test_a_tag_on_a_published_article_is_not_deleted(make_article):
    story = make_article(tags=["Economy"])
    tag = Tag.objects.get(name="Economy")

    with refused(match="merge it"):
        tag.delete()
    with refused():
        Tag.objects.all().delete()

    assert list(story.tags.names()) == ["Economy"]


def test_a_tag_on_a_withdrawn_article_stays_with_its_record(make_article, editor):
    story = make_article(tags=["Economy"])
    story.withdraw(by=editor, reason="Legal advice")

    with refused():
        Tag.objects.get(name="Economy").delete()


def test_a_tag_only_drafts_carry_may_be_deleted(make_article):
    draft = make_article(status=Article.Status.DRAFT, tags=["Rumour"])

    Tag.objects.get(name="Rumour").delete()

    assert list(draft.tags.names()) == []


def test_the_tag_admin_offers_merging_not_deleting_a_tag_in_use(client, editor, make_article):
    make_article(tags=["Economy"], publish_at=timezone.now() - timedelta(days=1))
    tag = Tag.objects.get(name="Economy")
    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))

    delete_page = client.get(f"/admin/taggit/tag/{tag.pk}/delete/")
    bulk = client.post(
        "/admin/taggit/tag/",
        {"action": "delete_selected", "_selected_action": [tag.pk], "post": "yes"},
    )

    assert delete_page.status_code == 403
    assertContains(bulk, "Merge it into another tag instead")
    assert Tag.objects.filter(pk=tag.pk).exists()
