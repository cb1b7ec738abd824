"""Comments in bulk: which readers see, the moderation queue's order, and bulk decisions."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment


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


def test_queue_order_puts_pending_first_oldest_first_then_the_rest_newest_first(
    article, make_comment
):
    now = timezone.now()

    def at(hours_ago, status):
        return make_comment(article, status=status, created_at=now - timedelta(hours=hours_ago))

    old_approved = at(9, Comment.Status.APPROVED)
    new_pending = at(1, Comment.Status.PENDING)
    new_rejected = at(2, Comment.Status.REJECTED)
    old_pending = at(8, Comment.Status.PENDING)
    spam = at(5, Comment.Status.SPAM)

    assert list(Comment.objects.in_queue_order()) == [
        old_pending,
        new_pending,
        new_rejected,
        spam,
        old_approved,
    ]


def test_moderate_decides_every_comment_in_one_statement(make_comments, moderator):
    make_comments(25, status=Comment.Status.PENDING)
    before = timezone.now()

    with CaptureQueriesContext(connection) as queries:
        changed = Comment.objects.pending().moderate(Comment.Status.APPROVED, by=moderator)

    # One UPDATE for all, after one look at which articles' pages change.
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 2
    assert statements[0].startswith("SELECT")
    assert statements[1].startswith("UPDATE")
    assert changed == 25
    assert Comment.objects.approved().count() == 25
    assert set(Comment.objects.values_list("moderated_by", flat=True)) == {moderator.pk}
    assert all(
        before <= at <= timezone.now()
        for at in Comment.objects.values_list("moderated_at", flat=True)
    )


def test_moderate_only_touches_the_comments_in_the_queryset(article, make_comment, moderator):
    chosen, left = make_comment(article), make_comment(article)

    Comment.objects.filter(pk=chosen.pk).moderate(Comment.Status.SPAM, by=moderator)

    chosen.refresh_from_db()
    left.refresh_from_db()
    assert chosen.status == Comment.Status.SPAM
    assert left.status == Comment.Status.PENDING
    assert left.moderated_by is None


def test_moderate_counts_only_the_comments_it_changed(article, make_comment, moderator):
    make_comment(article).approve(by=moderator)
    make_comment(article)

    assert Comment.objects.moderate(Comment.Status.APPROVED, by=moderator) == 1
