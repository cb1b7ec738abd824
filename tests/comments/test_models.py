"""A moderator's decision on one comment: what it becomes, who decided and when."""

import pytest
from django.utils import timezone

from comments.models import Comment


@pytest.mark.parametrize(
    ("verb", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("reject", Comment.Status.REJECTED),
        ("mark_spam", Comment.Status.SPAM),
    ],
)
def test_moderation_verb_records_status_moderator_and_time(
    article, make_comment, moderator, verb, status
):
    comment = make_comment(article)
    before = timezone.now()

    getattr(comment, verb)(by=moderator)

    for seen in (comment, Comment.objects.get(pk=comment.pk)):
        assert seen.status == status
        assert seen.moderated_by == moderator
        assert before <= seen.moderated_at <= timezone.now()


def test_new_comment_is_pending_and_undecided(article, make_comment):
    comment = make_comment(article)

    assert comment.status == Comment.Status.PENDING
    assert comment.moderated_by is None
    assert comment.moderated_at is None
    assert not comment.is_approved()


def test_approve_shows_the_comment(article, make_comment, moderator):
    comment = make_comment(article)

    comment.approve(by=moderator)

    assert comment.is_approved()
    assert list(Comment.objects.approved()) == [comment]


def test_reject_keeps_the_comment_on_record(article, make_comment, moderator):
    comment = make_comment(article, body="Off topic.")

    comment.reject(by=moderator)

    assert Comment.objects.filter(pk=comment.pk, body="Off topic.").exists()
    assert not Comment.objects.approved().exists()


def test_a_later_decision_replaces_the_earlier_one(article, make_comment, moderator, admin_user):
    comment = make_comment(article)
    comment.approve(by=moderator)

    comment.reject(by=admin_user)

    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.moderated_by == admin_user


def test_repeating_a_decision_keeps_who_made_it_first(article, make_comment, moderator, admin_user):
    comment = make_comment(article)
    comment.approve(by=moderator)
    first_decided_at = comment.moderated_at

    comment.approve(by=admin_user)

    assert comment.moderated_by == moderator
    assert comment.moderated_at == first_decided_at


def test_moderating_one_comment_leaves_the_others_alone(article, make_comment, moderator):
    comment, other = make_comment(article), make_comment(article)

    comment.approve(by=moderator)

    other.refresh_from_db()
    assert other.status == Comment.Status.PENDING
    assert other.moderated_by is None


def test_comment_without_a_name_is_anonymous(article, make_comment):
    assert make_comment(article, author_name="").display_name == "Anonymous"
    assert make_comment(article, author_name="Ece").display_name == "Ece"


def test_rejecting_with_a_reason_keeps_the_reason(article, make_comment, moderator):
    comment = make_comment(article)

    comment.reject(by=moderator, reason="Off topic.")

    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == ("rejected", "Off topic.")
