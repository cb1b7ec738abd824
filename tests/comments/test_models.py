"""Moderation verbs: each decision a record of its own, made only by moderators, never stale."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.utils import timezone

from comments.models import Ban, Comment, Decision
from comments.querysets import StaleDecision


@pytest.fixture
def colleague(django_user_model, moderator):
    user = django_user_model.objects.create_user("colleague", is_staff=True)
    user.groups.add(*moderator.groups.all())
    return user


def test_new_comment_is_pending_with_no_decision(article, make_comment):
    comment = make_comment(article)

    assert comment.status == Comment.Status.PENDING
    assert not comment.decisions.exists()


def test_approve_records_a_decision_with_moderator_time_and_statuses(
    article, make_comment, moderator
):
    comment = make_comment(article)
    before = timezone.now()

    comment.approve(by=moderator)

    assert comment.status == Comment.Status.APPROVED
    decision = comment.decisions.get()
    assert decision.moderator == moderator
    assert (decision.from_status, decision.to_status) == ("pending", "approved")
    assert before <= decision.decided_at <= timezone.now()
    assert Comment.objects.approved().get() == comment


def test_reject_keeps_the_comment_on_record_with_the_reason(article, make_comment, moderator):
    comment = make_comment(article)

    comment.reject(by=moderator, reason="Personal attack on another reader.")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.decisions.get().reason == "Personal attack on another reader."
    assert not Comment.objects.approved().exists()


def test_mark_spam_keeps_the_comment_off_the_site(article, make_comment, moderator):
    comment = make_comment(article)

    comment.mark_spam(by=moderator, reason="Casino links.")

    assert comment.status == Comment.Status.SPAM
    assert not Comment.objects.approved().exists()


def test_every_decision_is_kept_and_none_overwritten(article, make_comment, moderator, colleague):
    comment = make_comment(article)
    comment.approve(by=moderator)
    comment.reject(by=colleague, reason="Second look: it names a private person.")
    comment.approve(by=moderator, reason="The name was public already.")

    history = [
        (d.from_status, d.to_status, d.moderator.username, d.reason)
        for d in comment.decisions.all()
    ]
    assert history == [
        ("pending", "approved", "moderator", ""),
        ("approved", "rejected", "colleague", "Second look: it names a private person."),
        ("rejected", "approved", "moderator", "The name was public already."),
    ]


def test_repeating_the_current_status_records_nothing(article, make_comment, moderator):
    comment = make_comment(article)
    comment.approve(by=moderator)

    comment.approve(by=moderator)

    assert comment.decisions.count() == 1


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_verbs_refuse_staff_without_the_moderation_permission(article, make_comment, request, who):
    comment = make_comment(article)

    for verb in (comment.approve, comment.reject, comment.mark_spam):
        with pytest.raises(PermissionDenied):
            verb(by=request.getfixturevalue(who))

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not Decision.objects.exists()


def test_a_superuser_may_decide(article, make_comment, admin_user):
    comment = make_comment(article)

    comment.approve(by=admin_user)

    assert comment.decisions.get().moderator == admin_user


def test_a_decision_on_a_comment_changed_since_it_was_seen_is_refused(
    article, make_comment, moderator, colleague
):
    comment = make_comment(article)
    seen_by_colleague = Comment.objects.get(pk=comment.pk)
    comment.approve(by=moderator)

    with pytest.raises(StaleDecision) as refused:
        seen_by_colleague.mark_spam(by=colleague)

    assert str(refused.value).startswith("Already approved by moderator at ")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.decisions.count() == 1


def test_a_decision_names_the_version_it_was_made_on(article, make_comment, moderator):
    comment = make_comment(article)
    comment.approve(by=moderator)

    with pytest.raises(StaleDecision):
        comment.reject(by=moderator, seen_version=0)
    comment.reject(by=moderator, seen_version=1)

    assert comment.status == Comment.Status.REJECTED


def test_a_comment_with_decisions_cannot_be_deleted(article, make_comment, moderator):
    comment = make_comment(article)
    comment.approve(by=moderator)

    with pytest.raises(ProtectedError):
        comment.delete()
    with pytest.raises(ProtectedError):
        Comment.objects.all().delete()

    assert Decision.objects.count() == 1


def test_an_article_with_comments_cannot_be_deleted(article, make_comment):
    make_comment(article)

    with pytest.raises(ProtectedError):
        article.delete()

    assert Comment.objects.count() == 1


def test_comment_without_a_name_is_anonymous(article, make_comment):
    assert make_comment(article, author_name="").display_name == "Anonymous"


def test_a_reply_readers_cannot_see_cannot_be_an_editors_pick(
    article, make_comment, moderator, editor
):
    removed = make_comment(article, status=Comment.Status.REJECTED)
    reply = make_comment(article, parent=removed, status=Comment.Status.APPROVED)

    with pytest.raises(ValueError, match="Only an approved comment"):
        reply.pick(by=editor)

    removed.approve(by=moderator)
    assert reply.pick(by=editor)


def test_a_refused_decision_names_the_time_in_the_desks_format(
    article, make_comment, moderator, colleague
):
    comment = make_comment(article)
    seen_by_colleague = Comment.objects.get(pk=comment.pk)
    comment.approve(by=moderator)
    comment.decisions.update(decided_at=datetime(2026, 12, 3, 18, 44, 20, tzinfo=UTC))

    with pytest.raises(StaleDecision) as refused:
        seen_by_colleague.reject(by=colleague, reason="Off topic")

    assert str(refused.value).startswith("Already approved by moderator at 3 Dec 2026, 18:44 GMT;")


def test_a_ban_names_its_end_in_the_desks_format(article, make_comment, moderator):
    comment = make_comment(article, email_hash="a" * 64)
    ban = Ban.impose(comment=comment, kind="email", days=7, reason="Abuse", by=moderator)
    ban.expires_at = datetime(2026, 12, 3, 18, 44, tzinfo=UTC)

    assert ban.describe() == "banned email (until 3 Dec 2026, 18:44 GMT): Abuse"
