"""A moderator undoes a decision just made: for COMMENTS_UNDO_SECONDS, their own, on the
version it left, recorded as a decision of its own; the decision undone stays on record."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from comments.models import Comment, Decision
from comments.permissions import AUTOMATIC
from comments.querysets import StaleDecision, UndoRefused
from tests.comments.conftest import decide_in_place
from tests.pages import text


def undo_url(comment):
    return reverse("admin:comments_comment_undo", args=[comment.pk])


def undo(client, comment, version, **extra):
    """What the queue's script sends for `z` or the Undo button, asking for JSON."""
    return client.post(
        undo_url(comment), {"version": version}, HTTP_ACCEPT="application/json", **extra
    )


def answer(response):
    return json.loads(response.content)


def test_undo_within_the_window_puts_the_comment_back_to_pending_as_a_decision_of_its_own(
    moderator_client, article, make_comment, moderator
):
    comment = make_comment(article, author_name="Kemal", body="Buy cheap watches here.")
    make_comment(article)
    approved = answer(decide_in_place(moderator_client, comment, "approve"))

    response = undo(moderator_client, comment, approved["version"])

    assert response.status_code == 200
    assert answer(response) == {
        "message": "Undone: the comment by Kemal is pending again.",
        "status": "pending",
        "version": 2,
        "waiting": 2,
        "reported": 0,
        "undo_seconds": 10,
    }
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    decided, undone = Decision.objects.filter(comment=comment).order_by("pk")
    assert (decided.kind, decided.from_status, decided.to_status) == (
        "status",
        "pending",
        "approved",
    )
    assert (undone.kind, undone.from_status, undone.to_status) == ("undo", "approved", "pending")
    assert undone.moderator == moderator
    assert undone.reason == f"Undid approved ({decided.pk})"


def test_undone_approval_leaves_the_public_page_at_once(
    moderator_client, make_article, make_comment
):
    # Comments closed: the page has no form, so the page cache keeps it for readers.
    article = make_article(comments_open=False)
    comment = make_comment(article, body="Visit my shop for cheap watches.")
    reader = Client()
    approved = answer(decide_in_place(moderator_client, comment, "approve"))
    assertContains(reader.get(article.get_absolute_url()), comment.body)

    undo(moderator_client, comment, approved["version"])

    assertNotContains(reader.get(article.get_absolute_url()), comment.body)


def test_undo_after_the_window_is_refused_and_the_decision_stands(
    moderator_client, article, make_comment, monkeypatch, settings
):
    settings.COMMENTS_UNDO_SECONDS = 10
    comment = make_comment(article)
    approved = answer(decide_in_place(moderator_client, comment, "approve"))
    later = timezone.now() + timedelta(seconds=11)
    monkeypatch.setattr(timezone, "now", lambda: later)

    response = undo(moderator_client, comment, approved["version"])

    assert response.status_code == 409
    assert answer(response)["message"] == (
        "Too late to undo: a decision can be undone for 10 seconds. Decide again instead."
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.decisions.count() == 1


def test_the_undo_window_is_a_setting(
    moderator_client, article, make_comment, monkeypatch, settings
):
    settings.COMMENTS_UNDO_SECONDS = 60
    comment = make_comment(article)
    rejected = answer(decide_in_place(moderator_client, comment, "reject"))
    later = timezone.now() + timedelta(seconds=45)
    monkeypatch.setattr(timezone, "now", lambda: later)

    response = undo(moderator_client, comment, rejected["version"])

    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_another_moderator_cannot_undo_my_decision(
    moderator_client, client, article, make_comment, colleague
):
    comment = make_comment(article)
    approved = answer(decide_in_place(moderator_client, comment, "approve"))
    theirs = Client()
    theirs.force_login(colleague)

    response = undo(theirs, comment, approved["version"])

    assert response.status_code == 409
    assert answer(response)["message"] == (
        "Only moderator can undo their decision; decide again instead."
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_undo_after_a_colleague_decided_again_is_refused_as_stale(
    moderator_client, article, make_comment, colleague
):
    comment = make_comment(article)
    approved = answer(decide_in_place(moderator_client, comment, "approve"))
    comment.refresh_from_db()
    comment.mark_spam(by=colleague)

    response = undo(moderator_client, comment, approved["version"])

    assert response.status_code == 409
    assert answer(response)["message"].startswith("Already marked as spam by colleague at ")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert comment.decisions.count() == 2


def test_a_stale_version_is_refused_by_the_verb_itself(article, make_comment, moderator):
    comment = make_comment(article)
    comment.approve(by=moderator)

    with pytest.raises(StaleDecision):
        comment.undo(by=moderator, seen_version=0)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_an_undo_cannot_itself_be_undone(moderator_client, article, make_comment):
    comment = make_comment(article)
    approved = answer(decide_in_place(moderator_client, comment, "approve"))
    undone = answer(undo(moderator_client, comment, approved["version"]))

    response = undo(moderator_client, comment, undone["version"])

    assert response.status_code == 409
    assert answer(response)["message"] == ("There is no decision of yours on this comment to undo.")
    assert comment.decisions.count() == 2


def test_a_policy_decision_is_not_a_moderators_to_undo(moderator, article, make_comment):
    comment = make_comment(article)
    Comment.objects.filter(pk=comment.pk).decide(Comment.Status.SPAM, by=AUTOMATIC)
    comment.refresh_from_db()

    with pytest.raises(UndoRefused):
        comment.undo(by=moderator)


def test_editors_cannot_undo_and_learn_nothing(client, editor, article, make_comment, moderator):
    comment = make_comment(article)
    comment.approve(by=moderator)
    client.force_login(editor)

    response = undo(client, comment, comment.version)
    missing = client.post(
        reverse("admin:comments_comment_undo", args=[999999]),
        {"version": 1},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == missing.status_code == 403
    assert answer(response) == answer(missing) == {"message": "Only moderators may undo decisions."}
    with pytest.raises(PermissionDenied):
        comment.undo(by=editor)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_without_script_undo_is_an_ordinary_post_back_to_the_queue(
    moderator_client, article, make_comment
):
    comment = make_comment(article, author_name="Kemal")
    approved = answer(decide_in_place(moderator_client, comment, "approve"))

    response = moderator_client.post(
        undo_url(comment),
        {"version": approved["version"], "next": "/admin/comments/comment/"},
        follow=True,
    )

    assertContains(response, "Undone: the comment by Kemal is pending again.")
    assertContains(response, "Moderation queue: 1 waiting")


@pytest.mark.parametrize("version", ["", "x", "-1"])
def test_undo_without_a_version_is_a_bad_request(moderator_client, article, make_comment, version):
    comment = make_comment(article)

    response = undo(moderator_client, comment, version)

    assert response.status_code == 400
    assert comment.decisions.count() == 0


def test_without_script_the_decisions_message_carries_an_undo_that_puts_it_back(
    moderator_client, article, make_comment
):
    comment = make_comment(article, author_name="Kemal")
    queue = "/admin/comments/comment/?view=pending"

    decided = moderator_client.post(
        reverse("admin:comments_comment_decide", args=[comment.pk]),
        {"decision": "reject", f"seen-{comment.pk}": "0"},
        HTTP_REFERER=f"http://testserver{queue}",
        follow=True,
    )

    message = text(decided, css_class="messagelist")
    assert message == "Rejected the comment by Kemal. Undo for 10 seconds"
    undo_form = f'<form method="post" action="{undo_url(comment)}" class="queue-undo-form">'
    assertContains(decided, undo_form)
    assertContains(decided, '<input type="hidden" name="version" value="1">')
    assertContains(decided, f'<input type="hidden" name="next" value="http://testserver{queue}">')

    undone = moderator_client.post(
        undo_url(comment), {"version": "1", "next": f"http://testserver{queue}"}, follow=True
    )

    assert undone.redirect_chain == [(f"http://testserver{queue}", 302)]
    assertContains(undone, "Undone: the comment by Kemal is pending again.")
    assertNotContains(undone, "queue-undo-form")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_without_script_an_undo_after_the_window_is_refused_in_the_message(
    moderator_client, article, make_comment, monkeypatch
):
    comment = make_comment(article)
    moderator_client.post(
        reverse("admin:comments_comment_decide", args=[comment.pk]),
        {"decision": "approve", f"seen-{comment.pk}": "0", "next": "/admin/comments/comment/"},
    )
    later = timezone.now() + timedelta(seconds=11)
    monkeypatch.setattr(timezone, "now", lambda: later)

    response = moderator_client.post(
        undo_url(comment), {"version": "1", "next": "/admin/comments/comment/"}, follow=True
    )

    assertContains(response, "Too late to undo: a decision can be undone for 10 seconds.")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_an_editors_pick_without_script_has_no_undo(client, editor, article, make_comment):
    comment = make_comment(article, status=Comment.Status.APPROVED)
    client.force_login(editor)

    response = client.post(
        reverse("admin:comments_comment_decide", args=[comment.pk]),
        {"decision": "pick", f"seen-{comment.pk}": "1", "next": "/admin/comments/comment/"},
        follow=True,
    )

    assert text(response, css_class="messagelist").startswith("Made an editor's pick of")
    assertNotContains(response, "queue-undo-form")


def test_the_time_a_row_must_be_read_before_a_key_decides_is_a_setting(moderator_client, settings):
    settings.COMMENTS_READ_MS = 400

    queue = moderator_client.get("/admin/comments/comment/")

    assertContains(queue, 'data-undo-seconds="10" data-read-ms="400"')
