"""Each article keeps the number of comments readers see on it, and every change to what
readers see keeps that number right: the lists, the rail and the desk read it."""

from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from articles.models import Article
from comments import querysets
from comments.models import Comment
from tests.articles.test_workflow import change_url, logged_in, opened
from tests.comments.conftest import decide_in_place


def stored_count(article):
    return Article.objects.values_list("comment_count", flat=True).get(pk=article.pk)


def test_approving_and_rejecting_change_the_count_readers_see(article, make_comment, moderator):
    first, second = make_comment(article), make_comment(article)
    assert stored_count(article) == 0

    first.approve(by=moderator)
    second.approve(by=moderator)
    assert stored_count(article) == 2

    second.reject(by=moderator, reason="Off topic")
    assert stored_count(article) == 1


def test_removing_a_comment_takes_its_replies_out_of_the_count(article, make_comment, moderator):
    parent = make_comment(article, status=Comment.Status.APPROVED)
    make_comment(article, parent=parent, status=Comment.Status.APPROVED)
    assert stored_count(article) == 2

    parent.reject(by=moderator, reason="Abusive")

    assert stored_count(article) == 0
    assert Comment.objects.approved().count() == 0


def test_an_undone_approval_comes_off_the_count(article, make_comment, moderator):
    comment = make_comment(article)
    comment.approve(by=moderator)
    assert stored_count(article) == 1

    comment.undo(by=moderator)

    assert stored_count(article) == 0


def test_a_decision_through_the_queue_counts_on_the_front_page_card(
    client, article, make_comment, moderator
):
    comment = make_comment(article)
    moderator_client = Client()
    moderator_client.force_login(moderator)

    decide_in_place(moderator_client, comment, "approve")

    assertContains(client.get(reverse("articles:front")), "1 comment")


def test_comments_written_in_bulk_are_counted(article, make_comments):
    make_comments(3, status=Comment.Status.APPROVED)
    make_comments(2, status=Comment.Status.PENDING)

    assert stored_count(article) == 3


def test_comments_written_in_bulk_on_many_articles_are_counted_in_slices(make_article, monkeypatch):
    monkeypatch.setattr(querysets, "COUNTED_AT_ONCE", 2)
    stories = [make_article() for _ in range(5)]

    Comment.objects.bulk_create(
        Comment(article=story, author_name="Reader", body="Agreed.", status="approved")
        for story in stories
        for _ in range(story.pk % 3 + 1)
    )

    assert [stored_count(story) for story in stories] == [story.pk % 3 + 1 for story in stories]


def test_an_editor_form_opened_before_an_approval_keeps_the_new_count(
    editor, article, make_comment, moderator
):
    client = logged_in(editor)
    served = opened(client, article)
    make_comment(article).approve(by=moderator)

    response = client.post(change_url(article), served)

    assert response.status_code == 302
    assert stored_count(article) == 1


def test_most_commented_reads_the_count_and_leaves_out_stories_without_comments(
    make_article, make_comment, moderator
):
    quiet, busy, busier = make_article(), make_article(), make_article()
    for story, approved in [(busy, 1), (busier, 2)]:
        for _ in range(approved):
            make_comment(story).approve(by=moderator)
    make_comment(quiet)

    assert list(Article.objects.most_commented(days=7)) == [busier, busy]
