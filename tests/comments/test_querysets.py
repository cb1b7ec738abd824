"""Comments in bulk: which readers see, the moderation queue's order, and bulk decisions."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, Decision
from comments.querysets import approved_q


def test_approved_is_only_approved_comments(article, make_comment, moderator):
    shown = make_comment(article)
    shown.approve(by=moderator)
    make_comment(article)
    make_comment(article).reject(by=moderator)
    make_comment(article).mark_spam(by=moderator)

    assert list(Comment.objects.approved()) == [shown]


def test_pending_is_the_comments_awaiting_a_decision(article, make_comment, moderator):
    waiting = make_comment(article)
    make_comment(article).approve(by=moderator)

    assert list(Comment.objects.pending()) == [waiting]


def test_decide_records_one_decision_per_comment_in_a_fixed_number_of_queries(
    make_comments, moderator
):
    make_comments(25, status=Comment.Status.PENDING)
    before = timezone.now()

    with CaptureQueriesContext(connection) as queries:
        outcome = Comment.objects.pending().decide(Comment.Status.APPROVED, by=moderator)

    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    # The moderator's permissions, the locked rows, one UPDATE of the comments, one of their
    # articles' counts, one INSERT of the decisions.
    assert [s.split()[0] for s in statements[-4:]] == ["SELECT", "UPDATE", "UPDATE", "INSERT"]
    assert len(statements) <= 7
    assert len(outcome.decided) == 25
    assert Comment.objects.approved().count() == 25
    assert sum(Article.objects.values_list("comment_count", flat=True)) == 25
    decisions = Decision.objects.all()
    assert decisions.count() == 25
    assert {(d.moderator, d.from_status, d.to_status) for d in decisions} == {
        (moderator, "pending", "approved")
    }
    assert all(before <= d.decided_at <= timezone.now() for d in decisions)


def test_decide_only_touches_the_comments_in_the_queryset(article, make_comment, moderator):
    chosen, left = make_comment(article), make_comment(article)

    Comment.objects.filter(pk=chosen.pk).decide(Comment.Status.SPAM, by=moderator)

    chosen.refresh_from_db()
    left.refresh_from_db()
    assert chosen.status == Comment.Status.SPAM
    assert left.status == Comment.Status.PENDING
    assert not left.decisions.exists()


def test_decide_leaves_comments_already_in_that_status_unrecorded(article, make_comment, moderator):
    make_comment(article).approve(by=moderator)
    make_comment(article)

    outcome = Comment.objects.decide(Comment.Status.APPROVED, by=moderator)

    assert len(outcome.decided) == 1
    assert len(outcome.unchanged) == 1
    assert Decision.objects.count() == 2


def test_bulk_decide_refuses_comments_changed_since_the_moderator_saw_them(
    article, make_comment, moderator, django_user_model
):
    seen_fresh, seen_stale = make_comment(article), make_comment(article)
    colleague = django_user_model.objects.create_user("colleague", is_staff=True)
    colleague.groups.add(*moderator.groups.all())
    seen = {seen_fresh.pk: seen_fresh.version, seen_stale.pk: seen_stale.version}
    seen_stale.approve(by=colleague)

    outcome = Comment.objects.filter(pk__in=seen).decide(
        Comment.Status.SPAM, by=moderator, seen=seen
    )

    assert [row["pk"] for row in outcome.decided] == [seen_fresh.pk]
    assert [stale.comment_id for stale in outcome.stale] == [seen_stale.pk]
    assert str(outcome.stale[0]).startswith("Already approved by colleague at ")
    seen_stale.refresh_from_db()
    assert seen_stale.status == Comment.Status.APPROVED


@pytest.mark.parametrize("who", ["nobody", "editor", "reporter"])
def test_decide_in_bulk_refuses_anyone_without_the_moderation_permission(
    article, make_comment, request, who
):
    make_comment(article)
    by = None if who == "nobody" else request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        Comment.objects.decide(Comment.Status.APPROVED, by=by)

    assert Comment.objects.pending().count() == 1
    assert not Decision.objects.exists()


@pytest.fixture
def thread(article, make_comment):
    """Every kind of comment readers may or may not see, on one article."""
    shown = make_comment(article, status=Comment.Status.APPROVED, body="shown")
    removed = make_comment(article, status=Comment.Status.REJECTED, body="removed")
    return {
        "shown": shown,
        "reply to shown": make_comment(article, status="approved", parent=shown),
        "pending reply to shown": make_comment(article, parent=shown),
        "removed": removed,
        "reply to removed": make_comment(article, status="approved", parent=removed),
        "pending": make_comment(article),
        "spam": make_comment(article, status=Comment.Status.SPAM),
    }


SHOWN = {"shown", "reply to shown"}


def test_approved_q_excludes_exactly_the_comments_approved_shows(thread):
    names = {comment.pk: name for name, comment in thread.items()}

    shown = {names[pk] for pk in Comment.objects.approved().values_list("pk", flat=True)}
    hidden = {
        names[pk] for pk in Comment.objects.exclude(approved_q()).values_list("pk", flat=True)
    }

    assert shown == SHOWN
    assert hidden == set(thread) - SHOWN


def test_approved_q_counts_comments_as_readers_count_them_in_an_aggregate(
    thread, article, make_article, make_comment
):
    other = make_article()
    make_comment(other, status=Comment.Status.APPROVED)

    counts = dict(
        Article.objects.annotate(
            shown=Count("comments", filter=approved_q("comments__"))
        ).values_list("pk", "shown")
    )

    assert counts == {article.pk: len(SHOWN), other.pk: 1}
    assert Comment.objects.aggregate(shown=Count("pk", filter=approved_q()))["shown"] == 3


def test_is_approved_agrees_with_approved_for_every_comment(thread):
    for name, comment in thread.items():
        fresh = Comment.objects.get(pk=comment.pk)
        assert fresh.is_approved() == (name in SHOWN), name
