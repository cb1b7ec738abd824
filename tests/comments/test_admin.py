"""The moderation queue and a comment's page: what moderators see, and every decision on record."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from comments.models import Comment, Decision, ModerationWord
from comments.privacy import address_hash, email_hash
from tests.comments.conftest import decide_in_place, send_form
from tests.pages import link_text, text, texts

QUEUE_URL = "/admin/comments/comment/"


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def decide_url(comment):
    return reverse("admin:comments_comment_decide", args=[comment.pk])


def queue_bodies(response):
    """The comments in the queue as the moderator reads them, top to bottom."""
    return texts(response, css_class="queue-body")


def test_queue_lives_at_the_admins_comment_address():
    assert reverse("admin:comments_comment_changelist") == QUEUE_URL


def test_queue_opens_on_pending_oldest_first(moderator_client, article, make_comment):
    now = timezone.now()

    def posted(body, hours_ago, status=Comment.Status.PENDING):
        make_comment(article, body=body, status=status, created_at=now - timedelta(hours=hours_ago))

    posted("Newest, approved.", 1, Comment.Status.APPROVED)
    posted("Newer pending.", 2)
    posted("Rejected.", 3, Comment.Status.REJECTED)
    posted("Oldest pending.", 10)

    response = moderator_client.get(QUEUE_URL)

    assert queue_bodies(response) == ["Oldest pending.", "Newer pending."]
    assert text(response, css_class="selected") == "Pending 2"


@pytest.mark.parametrize("view", ["approved", "rejected", "spam"])
def test_each_decided_view_lists_its_comments_newest_first(
    moderator_client, article, make_comment, view
):
    now = timezone.now()
    make_comment(article, body="Older.", status=view, created_at=now - timedelta(hours=5))
    make_comment(article, body="Newer.", status=view, created_at=now - timedelta(hours=1))
    make_comment(article, body="Waiting.")

    response = moderator_client.get(QUEUE_URL, {"view": view})

    assert queue_bodies(response) == ["Newer.", "Older."]


def test_reported_view_lists_comments_readers_reported(moderator_client, article, make_comment):
    make_comment(article, body="Reported twice.", status="approved", report_count=2)
    make_comment(article, body="Never reported.", status="approved")

    response = moderator_client.get(QUEUE_URL, {"view": "reported"})

    assert queue_bodies(response) == ["Reported twice."]


def test_queue_sidebar_offers_each_view_and_no_list_of_articles(
    moderator_client, article, make_article
):
    others = [make_article(headline=f"Another story {n}") for n in range(3)]

    response = moderator_client.get(QUEUE_URL)

    for value, label in [
        ("pending", "Pending 0"),
        ("reported", "Reported 0"),
        ("approved", "Approved"),
        ("rejected", "Rejected"),
        ("spam", "Spam"),
    ]:
        assert link_text(response, f"?view={value}") == label
    assertContains(response, '<input type="search" id="queue-article" name="article"')
    for other in others:
        assertNotContains(response, other.headline)


def test_a_row_shows_the_whole_comment_its_article_and_why_it_was_held(
    moderator_client, article, make_comment
):
    long_body = "A long and considered argument. " * 60
    make_comment(
        article,
        author_name="Kemal",
        body=long_body.strip(),
        held_reasons=[
            {"rule": "links", "verdict": "hold", "reason": "3 links", "matched": "x"},
            {
                "rule": "first_comment",
                "verdict": "hold",
                "reason": "first comment from this email",
                "matched": "",
            },
        ],
    )

    response = moderator_client.get(QUEUE_URL)

    assert queue_bodies(response) == [long_body.strip()]
    assert text(response, css_class="queue-name") == "Kemal"
    assert texts(response, css_class="queue-reason") == [
        "3 links",
        "first comment from this email",
    ]
    assertContains(
        response, f'<a href="{article.get_absolute_url()}" class="queue-article">', count=1
    )


def test_a_row_shows_the_commenters_record_by_email_or_address(
    moderator_client, article, make_comment
):
    same_email = {"email_hash": email_hash("kemal@example.com")}
    same_address = {"ip_hash": address_hash("203.0.113.5")}
    make_comment(article, body="Under review.", **same_email, **same_address)
    make_comment(article, status="approved", **same_email)
    make_comment(article, status="approved", **same_address)
    make_comment(article, status="spam", **same_address)
    make_comment(article, status="rejected")  # someone else

    response = moderator_client.get(QUEUE_URL)

    assert text(response, css_class="queue-record") == "approved 2 rejected 0 spam 1"


def test_queue_filters_by_article_news_id_or_headline_words(
    moderator_client, article, make_article, make_comment
):
    other = make_article(headline="Floods in the north")
    make_comment(article, body="On rates.")
    make_comment(other, body="On floods.")

    by_id = moderator_client.get(QUEUE_URL, {"article": str(other.news_id)})
    by_words = moderator_client.get(QUEUE_URL, {"article": "central bank"})
    garbage = moderator_client.get(QUEUE_URL, {"article": "%_" + "x" * 500})

    assert queue_bodies(by_id) == ["On floods."]
    assert queue_bodies(by_words) == ["On rates."]
    assert garbage.status_code == 200
    assert queue_bodies(garbage) == []


@pytest.mark.parametrize("query", ["inflation", "Kemal"], ids=["body", "name"])
def test_queue_can_be_searched(moderator_client, article, make_comment, query):
    make_comment(article, body="What about inflation?", author_name="Kemal")
    make_comment(article, body="Great reporting.", author_name="Zeynep")

    response = moderator_client.get(QUEUE_URL, {"q": query})

    assert queue_bodies(response) == ["What about inflation?"]


def test_queue_says_how_many_comments_are_waiting(moderator_client, article, make_comment):
    make_comment(article)
    make_comment(article)
    make_comment(article, status="approved")

    response = moderator_client.get(QUEUE_URL)

    assert "Moderation queue: 2 waiting" in response.content.decode()


def test_queue_loads_its_own_script_and_stylesheet_and_no_inline_code(moderator_client, article):
    response = moderator_client.get(QUEUE_URL)

    assertContains(response, 'src="/static/comments/queue.js"')
    assertContains(response, 'href="/static/comments/queue.css"')
    html = response.content.decode()
    assert "<script>" not in html
    assert " style=" not in html
    assertContains(response, 'aria-live="polite"')


@pytest.mark.parametrize(
    ("decision", "status", "message"),
    [
        ("approve", "approved", "Approved the comment by Kemal."),
        ("reject", "rejected", "Rejected the comment by Kemal."),
        ("spam", "spam", "Marked as spam: the comment by Kemal."),
    ],
)
def test_a_row_decides_in_place_and_tells_how_many_are_still_waiting(
    moderator_client, article, make_comment, moderator, decision, status, message
):
    comment = make_comment(article, author_name="Kemal")
    make_comment(article)

    response = decide_in_place(moderator_client, comment, decision)

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "message": message,
        "status": status,
        "version": 1,
        "waiting": 1,
        "reported": 0,
        "undo_seconds": 10,
    }
    decision_row = Decision.objects.get()
    assert (decision_row.comment, decision_row.moderator, decision_row.to_status) == (
        comment,
        moderator,
        status,
    )


def test_without_script_a_row_button_is_an_ordinary_post_back_to_the_queue(
    moderator_client, article, make_comment
):
    comment = make_comment(article, author_name="Kemal")
    queue = moderator_client.get(QUEUE_URL)
    assertContains(
        queue,
        f'formaction="{decide_url(comment)}" name="decision" value="approve"',
    )
    assertContains(queue, f'name="seen-{comment.pk}" value="0"')

    response = moderator_client.post(
        f"{decide_url(comment)}?next={QUEUE_URL}",
        {"decision": "approve", f"seen-{comment.pk}": "0", "action": "", "index": "0"},
        follow=True,
    )

    assertRedirects(response, QUEUE_URL)
    assertContains(response, "Approved the comment by Kemal.")
    assert "Moderation queue: 0 waiting" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_a_stale_decision_in_the_queue_is_refused_naming_who_decided(
    moderator_client, article, make_comment, colleague
):
    comment = make_comment(article)
    seen_version = comment.version
    Comment.objects.get(pk=comment.pk).approve(by=colleague)

    response = decide_in_place(moderator_client, comment, "spam", version=seen_version)

    assert response.status_code == 409
    answer = json.loads(response.content)
    assert answer["message"].startswith("Already approved by colleague at ")
    assert answer["status"] == "approved"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.decisions.count() == 1


def test_a_stale_decision_without_script_is_refused_with_a_message(
    moderator_client, article, make_comment, colleague
):
    comment = make_comment(article)
    Comment.objects.get(pk=comment.pk).reject(by=colleague)

    response = moderator_client.post(
        f"{decide_url(comment)}?next={QUEUE_URL}",
        {"decision": "approve", f"seen-{comment.pk}": "0"},
        follow=True,
    )

    assertContains(response, "Already rejected by colleague at ")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve_selected", Comment.Status.APPROVED, "Approved 2 comment(s)."),
        ("reject_selected", Comment.Status.REJECTED, "Rejected 2 comment(s)."),
        ("mark_selected_as_spam", Comment.Status.SPAM, "Marked as spam: 2 comment(s)."),
    ],
)
def test_bulk_action_decides_the_selected_comments_and_records_each_decision(
    moderator_client, article, make_comment, moderator, action, status, message
):
    chosen = [make_comment(article), make_comment(article)]
    left = make_comment(article)

    response = moderator_client.post(
        QUEUE_URL,
        {
            "action": action,
            "_selected_action": [c.pk for c in chosen],
            **{f"seen-{c.pk}": c.version for c in chosen},
        },
        follow=True,
    )

    assertContains(response, message)
    for comment in chosen:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.decisions.get().moderator == moderator
    left.refresh_from_db()
    assert left.status == Comment.Status.PENDING
    assert not left.decisions.exists()


def test_bulk_action_refuses_the_comments_decided_since_the_page_was_served(
    moderator_client, article, make_comment, colleague
):
    fresh, stale = make_comment(article), make_comment(article)
    Comment.objects.get(pk=stale.pk).mark_spam(by=colleague)

    response = moderator_client.post(
        QUEUE_URL,
        {
            "action": "approve_selected",
            "_selected_action": [fresh.pk, stale.pk],
            f"seen-{fresh.pk}": "0",
            f"seen-{stale.pk}": "0",
            "view": "pending",
        },
        follow=True,
    )

    assertContains(response, "Approved 1 comment(s).")
    assertContains(response, f"Comment {stale.pk}: Already marked as spam by colleague at ")
    stale.refresh_from_db()
    assert stale.status == Comment.Status.SPAM


# Measured once: session, user, permissions, the admin's own checks of the selection, the
# locked rows, one UPDATE of the comments, one of their articles' counts and one INSERT of
# the decisions, the Pending and Reported counts, whatever the selection's size.
BULK_ACTION_QUERIES = 12


@pytest.mark.parametrize("selected", [2, 20])
def test_bulk_action_queries_do_not_grow_with_the_selection(
    moderator_client, make_comments, django_assert_num_queries, selected
):
    comments = make_comments(selected, status=Comment.Status.PENDING)

    with django_assert_num_queries(BULK_ACTION_QUERIES):
        response = moderator_client.post(
            QUEUE_URL,
            {"action": "approve_selected", "_selected_action": [c.pk for c in comments]},
        )

    assertRedirects(response, QUEUE_URL, fetch_redirect_response=False)
    assert Comment.objects.approved().count() == selected
    assert Decision.objects.count() == selected


# Measured once: session, user, two for permissions, the waiting count (the title's, the
# Pending tab's and the paginator's, counted once), the Reported tab's count, and one page
# of comments with their articles and the commenters' records (subqueries, not queries).
QUEUE_QUERIES = 7


@pytest.mark.parametrize("comments", [5, 30])
def test_pending_view_queries_do_not_grow_with_the_comments(
    moderator_client, make_comments, django_assert_num_queries, comments, moderator
):
    make_comments(comments, status=Comment.Status.PENDING)
    make_comments(comments, status=Comment.Status.APPROVED)

    with django_assert_num_queries(QUEUE_QUERIES):
        response = moderator_client.get(QUEUE_URL)

    assert len(queue_bodies(response)) == comments


def test_comments_cannot_be_deleted_even_by_a_superuser(admin_client, article, make_comment):
    comment = make_comment(article)
    delete_url = reverse("admin:comments_comment_delete", args=[comment.pk])

    assert admin_client.get(delete_url).status_code == 403
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    admin_client.post(
        QUEUE_URL, {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"}
    )
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_comments_cannot_be_added_or_edited_in_the_admin(
    moderator_client, admin_client, article, make_comment
):
    comment = make_comment(article, body="Original words.")

    assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403
    assert admin_client.get(reverse("admin:comments_comment_add")).status_code == 403
    admin_client.post(change_url(comment), {"status": "approved", "body": "Edited."})

    comment.refresh_from_db()
    assert (comment.status, comment.body) == ("pending", "Original words.")


def test_comment_page_shows_its_whole_history(
    moderator_client, article, make_comment, moderator, colleague
):
    comment = make_comment(article)
    comment.approve(by=moderator)
    comment.reject(by=colleague, reason="Names a private person.")

    response = moderator_client.get(change_url(comment))

    rows = texts(response, css_class="has_original")
    assert len(rows) == 2
    assert "Pending" in rows[0] and "Approved" in rows[0] and "moderator" in rows[0]
    assert "Rejected" in rows[1] and "colleague" in rows[1] and "Names a private person." in rows[1]


def test_comment_page_decides_with_a_reason(moderator_client, article, make_comment, moderator):
    comment = make_comment(article)

    response = moderator_client.post(
        decide_url(comment),
        {"decision": "reject", f"seen-{comment.pk}": "0", "reason": "Personal attack."},
        follow=True,
    )

    assertRedirects(response, change_url(comment))
    assertContains(response, "Rejected the comment by")
    decision = comment.decisions.get()
    assert (decision.to_status, decision.reason, decision.moderator) == (
        "rejected",
        "Personal attack.",
        moderator,
    )
    assert (
        "Personal attack." not in moderator_client.get(article.get_absolute_url()).content.decode()
    )


def test_a_stale_decision_on_the_comment_page_is_refused(
    moderator_client, article, make_comment, colleague
):
    comment = make_comment(article)
    page = moderator_client.get(change_url(comment))
    assertContains(page, f'name="seen-{comment.pk}" value="0"')
    Comment.objects.get(pk=comment.pk).approve(by=colleague)

    response = moderator_client.post(
        decide_url(comment), {"decision": "spam", f"seen-{comment.pk}": "0"}, follow=True
    )

    assertContains(response, "Already approved by colleague at ")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


@pytest.mark.parametrize("decision", ["", "publish", "delete"])
def test_an_unknown_decision_is_a_bad_request(moderator_client, article, make_comment, decision):
    comment = make_comment(article)

    response = decide_in_place(moderator_client, comment, decision)

    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_deciding_on_a_missing_comment_is_not_found(moderator_client, db):
    response = moderator_client.post(
        "/admin/comments/comment/999999/decide/", {"decision": "approve"}
    )

    assert response.status_code == 404


def test_a_reader_comment_posted_on_the_site_waits_in_the_queue_with_no_raw_address(
    client, moderator, article, comment_data
):
    send_form(
        client,
        reverse("comments:post", args=[article.news_id]),
        comment_data,
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0",
    )
    client.force_login(moderator)
    comment = Comment.objects.get()

    queue = client.get(QUEUE_URL)
    page = client.get(change_url(comment))

    assert queue_bodies(queue) == [comment_data["body"]]
    for response in (queue, page):
        assertNotContains(response, "203.0.113.77")
    assertContains(page, "Mozilla/5.0 Firefox/128.0")
    assertContains(page, "first comment from this email")


def test_moderators_keep_the_word_lists(moderator_client, moderator):
    response = moderator_client.post(
        reverse("admin:comments_moderationword_add"),
        {"phrase": "casino", "kind": "banned", "note": "Gambling spam."},
    )

    assert response.status_code == 302
    word = ModerationWord.objects.get()
    assert (word.phrase, word.kind, word.added_by) == ("casino", "banned", moderator)


def test_a_word_list_entry_needs_a_word(moderator_client):
    response = moderator_client.post(
        reverse("admin:comments_moderationword_add"), {"phrase": "!!! ...", "kind": "suspect"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("phrase", "no_word")
    assert not ModerationWord.objects.exists()


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
    refused = decide_in_place(client, comment, "approve")

    assert queue_bodies(queue) == ["Read but not judged."]
    assertNotContains(queue, "approve_selected")
    assert refused.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
