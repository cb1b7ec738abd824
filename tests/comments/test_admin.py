"""The moderation queue in the admin: what moderators see, and every decision recorded."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from comments.models import Comment
from tests.pages import texts

QUEUE_URL = "/admin/comments/comment/"


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def queue_bodies(response):
    """The comments in the queue as the moderator reads them, top to bottom."""
    return texts(response, css_class="field-excerpt")


def test_queue_lives_at_the_admins_comment_address():
    assert reverse("admin:comments_comment_changelist") == QUEUE_URL


def test_moderator_sees_the_queue(moderator_client, article, make_comment):
    make_comment(article, body="Is this confirmed by the bank?")

    response = moderator_client.get(QUEUE_URL)

    assert response.status_code == 200
    assert queue_bodies(response) == ["Is this confirmed by the bank?"]


def test_pending_comments_come_first_oldest_first(moderator_client, article, make_comment):
    now = timezone.now()

    def posted(body, hours_ago, status=Comment.Status.PENDING):
        make_comment(
            article,
            body=body,
            status=status,
            created_at=now - timedelta(hours=hours_ago),
        )

    posted("Newest, approved.", 1, Comment.Status.APPROVED)
    posted("Newer pending.", 2)
    posted("Rejected.", 3, Comment.Status.REJECTED)
    posted("Oldest pending.", 10)
    posted("Oldest, approved.", 20, Comment.Status.APPROVED)

    response = moderator_client.get(QUEUE_URL)

    assert queue_bodies(response) == [
        "Oldest pending.",
        "Newer pending.",
        "Newest, approved.",
        "Rejected.",
        "Oldest, approved.",
    ]


def test_queue_can_be_filtered_by_status(moderator_client, article, make_comment, moderator):
    make_comment(article, body="Waiting.")
    make_comment(article, body="Shown.").approve(by=moderator)
    make_comment(article, body="Junk.").mark_spam(by=moderator)

    pending = moderator_client.get(QUEUE_URL, {"status__exact": "pending"})
    spam = moderator_client.get(QUEUE_URL, {"status__exact": "spam"})

    assert queue_bodies(pending) == ["Waiting."]
    assert queue_bodies(spam) == ["Junk."]


def test_queue_sidebar_offers_a_filter_for_each_status(moderator_client, article):
    response = moderator_client.get(QUEUE_URL)

    for value, label in Comment.Status.choices:
        assertContains(response, f'<a href="?status__exact={value}">{label}</a>', html=True)


@pytest.mark.parametrize(
    "query", ["inflation", "Kemal", "kemal@example.com"], ids=["body", "name", "email"]
)
def test_queue_can_be_searched(moderator_client, article, make_comment, query):
    make_comment(
        article,
        body="What about inflation?",
        author_name="Kemal",
        email="kemal@example.com",
    )
    make_comment(article, body="Great reporting.", author_name="Zeynep")

    response = moderator_client.get(QUEUE_URL, {"q": query})

    assert queue_bodies(response) == ["What about inflation?"]


def test_queue_offers_approve_reject_and_spam_actions(moderator_client, article, make_comment):
    make_comment(article)

    response = moderator_client.get(QUEUE_URL)

    for value, label in [
        ("approve_selected", "Approve selected comments"),
        ("reject_selected", "Reject selected comments"),
        ("mark_selected_as_spam", "Mark selected comments as spam"),
    ]:
        assertContains(response, f'<option value="{value}">{label}</option>', html=True)


def test_queue_offers_no_delete_action(moderator_client, admin_client, article, make_comment):
    make_comment(article)

    for client in (moderator_client, admin_client):
        response = client.get(QUEUE_URL)
        assert response.status_code == 200
        assertNotContains(response, "delete_selected")


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve_selected", Comment.Status.APPROVED, "Approved 2 comment(s)."),
        ("reject_selected", Comment.Status.REJECTED, "Rejected 2 comment(s)."),
        (
            "mark_selected_as_spam",
            Comment.Status.SPAM,
            "Marked as spam: 2 comment(s).",
        ),
    ],
)
def test_bulk_action_decides_the_selected_comments_and_records_the_moderator(
    moderator_client, article, make_comment, moderator, action, status, message
):
    chosen = [make_comment(article), make_comment(article)]
    left = make_comment(article)
    before = timezone.now()

    response = moderator_client.post(
        QUEUE_URL,
        {"action": action, "_selected_action": [c.pk for c in chosen]},
        follow=True,
    )

    assertContains(response, message)
    for comment in chosen:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.moderated_by == moderator
        assert before <= comment.moderated_at <= timezone.now()
    left.refresh_from_db()
    assert left.status == Comment.Status.PENDING
    assert left.moderated_by is None


def test_approved_in_the_queue_means_shown_on_the_article(
    moderator_client, client, article, make_comment
):
    comment = make_comment(article, body="Approved from the queue.")
    moderator_client.post(
        QUEUE_URL, {"action": "approve_selected", "_selected_action": [comment.pk]}
    )
    client.logout()

    response = client.get(article.get_absolute_url())

    assertContains(response, "Approved from the queue.")


# Measured once: session, user, two for permissions, the waiting count in the title, the
# article filter's choices (built twice by the admin), two counts, the articles whose
# pages change (for the page cache) and the UPDATE between its savepoints.
BULK_ACTION_QUERIES = 13


@pytest.mark.parametrize("selected", [2, 20])
def test_bulk_action_queries_do_not_grow_with_the_selection(
    moderator_client, make_comments, django_assert_num_queries, selected
):
    comments = make_comments(selected, status=Comment.Status.PENDING)

    with django_assert_num_queries(BULK_ACTION_QUERIES):
        response = moderator_client.post(
            QUEUE_URL,
            {
                "action": "approve_selected",
                "_selected_action": [c.pk for c in comments],
            },
        )

    assertRedirects(response, QUEUE_URL, fetch_redirect_response=False)
    assert Comment.objects.approved().count() == selected


# Measured once: session, user, two for permissions, the waiting count in the title, the
# article filter's choices, two counts (filtered and total), and one page of comments
# with their articles.
QUEUE_QUERIES = 9


@pytest.mark.parametrize("comments", [5, 30])
def test_queue_queries_do_not_grow_with_the_comments(
    moderator_client, make_comments, django_assert_num_queries, comments, moderator
):
    for comment in make_comments(comments, status=Comment.Status.PENDING)[::2]:
        comment.approve(by=moderator)

    with django_assert_num_queries(QUEUE_QUERIES):
        response = moderator_client.get(QUEUE_URL)

    assert len(queue_bodies(response)) == comments


def test_comments_cannot_be_deleted_even_by_a_superuser(admin_client, article, make_comment):
    comment = make_comment(article)
    delete_url = reverse("admin:comments_comment_delete", args=[comment.pk])

    assert admin_client.get(delete_url).status_code == 403
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_delete_action_cannot_be_forced_by_a_superuser(admin_client, article, make_comment):
    comment = make_comment(article)

    admin_client.post(
        QUEUE_URL,
        {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"},
    )

    assert Comment.objects.filter(pk=comment.pk).exists()


def test_comments_cannot_be_added_in_the_admin(moderator_client, admin_client):
    add_url = reverse("admin:comments_comment_add")

    assert moderator_client.get(add_url).status_code == 403
    assert admin_client.get(add_url).status_code == 403


def test_change_page_shows_where_the_comment_came_from(moderator_client, article, make_comment):
    comment = make_comment(
        article,
        email="reader@example.com",
        ip_address="203.0.113.7",
        user_agent="Mozilla/5.0 (Macintosh) Safari/605.1.15",
    )

    response = moderator_client.get(change_url(comment))

    assert response.status_code == 200
    assertContains(response, "IP address")
    assertContains(response, "203.0.113.7")
    assertContains(response, "Mozilla/5.0 (Macintosh) Safari/605.1.15")
    assertContains(response, "reader@example.com")


def test_changing_status_on_the_change_page_records_the_moderator(
    moderator_client, article, make_comment, moderator
):
    comment = make_comment(article, body="Original words.")
    before = timezone.now()

    response = moderator_client.post(
        change_url(comment), {"status": "approved", "body": "Edited by a moderator."}
    )

    assertRedirects(response, QUEUE_URL, fetch_redirect_response=False)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert before <= comment.moderated_at <= timezone.now()
    assert comment.body == "Original words."


def test_saving_the_change_page_without_a_new_status_decides_nothing(
    moderator_client, article, make_comment
):
    comment = make_comment(article)

    moderator_client.post(change_url(comment), {"status": "pending"})

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.moderated_by is None
    assert comment.moderated_at is None


def test_a_reader_comment_posted_on_the_site_waits_in_the_queue(
    client, moderator, article, comment_data
):
    client.post(reverse("comments:post", args=[article.news_id]), comment_data)
    client.force_login(moderator)

    response = client.get(QUEUE_URL, {"status__exact": "pending"})

    assert queue_bodies(response) == [comment_data["body"]]


def test_staff_who_may_only_view_comments_cannot_decide_on_them(
    client, django_user_model, article, make_comment
):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(content_type__app_label="comments", codename="view_comment")
    )
    comment = make_comment(article, body="Read but not judged.")
    client.force_login(viewer)

    queue = client.get(QUEUE_URL)
    client.post(QUEUE_URL, {"action": "approve_selected", "_selected_action": [comment.pk]})

    assert queue_bodies(queue) == ["Read but not judged."]
    assertNotContains(queue, "approve_selected")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_queue_says_how_many_comments_are_waiting(client, moderator, article, make_comment):
    make_comment(article)
    make_comment(article)
    make_comment(article, status="approved")
    client.force_login(moderator)

    response = client.get(QUEUE_URL)

    assert "Moderation queue: 2 waiting" in response.content.decode()


def test_moderator_can_open_the_article_a_comment_was_left_on(
    client, moderator, article, make_comment
):
    comment = make_comment(article)
    client.force_login(moderator)

    response = client.get(f"{QUEUE_URL}{comment.pk}/change/")

    html = response.content.decode()
    assert f'<a href="{article.get_absolute_url()}">{article.headline}</a>' in html.replace(
        "&#x27;", "'"
    )


def test_moderator_records_why_a_comment_was_rejected(client, moderator, article, make_comment):
    comment = make_comment(article)
    client.force_login(moderator)

    client.post(
        f"{QUEUE_URL}{comment.pk}/change/",
        {"status": "rejected", "moderation_reason": "Names a private person."},
    )

    comment.refresh_from_db()
    assert comment.status == "rejected"
    assert comment.moderation_reason == "Names a private person."
    assert comment.moderated_by == moderator
    assert "Names a private person." not in client.get(article.get_absolute_url()).content.decode()


def test_a_reason_alone_is_refused_until_a_decision_goes_with_it(
    client, moderator, article, make_comment
):
    comment = make_comment(article)
    client.force_login(moderator)

    response = client.post(
        f"{QUEUE_URL}{comment.pk}/change/",
        {"status": "pending", "moderation_reason": "Looks fine."},
    )

    assert response.context["adminform"].form.has_error("__all__", "reason_without_decision")
    comment.refresh_from_db()
    assert comment.moderation_reason == ""
    assert comment.moderated_by is None
