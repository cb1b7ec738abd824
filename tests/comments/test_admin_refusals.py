"""What the moderation desk refuses, and that a refusal tells nothing it refuses to show.

An editor reads comments to pick them but never sees a commenter's email, nor groups
comments by commenter: the queue's URL filters must not answer those questions either.
Staff who may not decide learn nothing from the decide and ban views, not even whether
a comment exists; and no id, however malformed, makes a server error.
"""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import assertNotContains

from comments.models import Ban, Comment, Decision
from comments.privacy import address_hash, email_hash
from tests.pages import text, texts

QUEUE_URL = "/admin/comments/comment/"
BANS_URL = "/admin/comments/ban/"
EMAIL = "parent@example.com"
BODY = "My email is never shown to editors."

# Each asks the queue a question only a commenter's data can answer.
COMMENTER_LOOKUPS = [
    {"email__contains": "par"},
    {"email__regex": "^par.nt@"},
    {"email": EMAIL},
    {"email__startswith": "p"},
    {"email_hash__startswith": "a"},
    {"email_hash": email_hash(EMAIL)},
    {"ip_hash": "x"},
    {"ip_hash": address_hash("203.0.113.5")},
    {"user_agent__icontains": "firefox"},
    {"notify": "1"},
]
MALFORMED_IDS = ["abc", "1.5", "%FF", "'", "-1", "1e3", "99999999999999999999999"]


@pytest.fixture
def staff_without_role(django_user_model):
    return django_user_model.objects.create_user("intern", "intern@example.com", is_staff=True)


@pytest.fixture
def commented(article, make_comment):
    return make_comment(
        article,
        body=BODY,
        email=EMAIL,
        email_hash=email_hash(EMAIL),
        ip_hash=address_hash("203.0.113.5"),
        user_agent="Mozilla/5.0 Firefox/128.0",
        notify=True,
        status=Comment.Status.APPROVED,
    )


def act_as(client, request, role):
    client.force_login(request.getfixturevalue(role))


@pytest.mark.parametrize("lookup", COMMENTER_LOOKUPS, ids=lambda lookup: next(iter(lookup)))
def test_an_editor_cannot_filter_the_queue_by_a_commenters_data(client, editor, commented, lookup):
    client.force_login(editor)

    response = client.get(QUEUE_URL, {"view": "approved", **lookup})

    assert response.status_code == 400
    assertNotContains(response, BODY, status_code=400)


def test_an_editor_still_filters_the_queue_by_what_they_see(client, editor, commented):
    client.force_login(editor)

    response = client.get(QUEUE_URL, {"view": "approved", "q": "never shown"})

    assert response.status_code == 200
    assert texts(response, css_class="queue-body") == [BODY]


@pytest.mark.parametrize("role", ["reporter", "staff_without_role"])
@pytest.mark.parametrize("lookup", COMMENTER_LOOKUPS[:3], ids=lambda lookup: next(iter(lookup)))
def test_staff_who_may_not_read_comments_are_refused_the_queue_with_or_without_filters(
    client, request, role, commented, lookup
):
    act_as(client, request, role)

    response = client.get(QUEUE_URL, {"view": "approved", **lookup})

    assert response.status_code == 403
    assertNotContains(response, BODY, status_code=403)


@pytest.mark.parametrize(
    ("lookup", "rows"),
    [
        ({"email__contains": "par"}, 1),
        ({"email__contains": "nobody"}, 0),
        ({"email_hash": email_hash(EMAIL)}, 1),
        ({"ip_hash": address_hash("203.0.113.5")}, 1),
    ],
)
def test_a_moderator_may_filter_the_queue_by_the_commenters_data_they_see(
    client, moderator, commented, lookup, rows
):
    client.force_login(moderator)

    response = client.get(QUEUE_URL, {"view": "approved", **lookup})

    assert response.status_code == 200
    assert texts(response, css_class="queue-body") == [BODY] * rows


def test_only_moderators_may_filter_bans_by_the_banned_commenter(
    client, moderator, django_user_model, commented
):
    Ban.impose(comment=commented, kind="email", days=7, reason="Abuse.", by=moderator)
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(
        Permission.objects.get(content_type__app_label="comments", codename="view_ban")
    )
    client.force_login(clerk)
    refused = client.get(BANS_URL, {"key": email_hash(EMAIL)})
    client.force_login(moderator)
    allowed = client.get(BANS_URL, {"key": email_hash(EMAIL)})

    assert refused.status_code == 400
    assert allowed.status_code == 200
    assert "Abuse." in allowed.content.decode()


def decide(client, comment_id, *, as_json=True, decision="approve"):
    return client.post(
        f"{QUEUE_URL}{comment_id}/decide/",
        {"decision": decision, f"seen-{comment_id}": "0"},
        **({"HTTP_ACCEPT": "application/json"} if as_json else {}),
    )


@pytest.mark.parametrize("role", ["reporter", "staff_without_role"])
def test_staff_who_may_not_decide_learn_nothing_from_the_decide_view(
    client, request, role, commented, make_comment, article
):
    waiting = make_comment(article)
    act_as(client, request, role)

    answers = [
        decide(client, commented.pk),
        decide(client, waiting.pk),
        decide(client, 999_999),
        decide(client, "abc"),
        decide(client, commented.pk, decision="no such decision"),
    ]
    pages = [decide(client, commented.pk, as_json=False), decide(client, 999_999, as_json=False)]

    assert {answer.status_code for answer in answers + pages} == {403}
    assert {answer.content for answer in answers} == {answers[0].content}
    assert json.loads(answers[0].content) == {
        "message": "Only moderators and editors may decide on comments."
    }
    assert {text(page, css_class="error-page") for page in pages} == {
        "Not allowed Only moderators and editors may decide on comments. Back to the front page"
    }
    assert not Decision.objects.exists()


def test_an_editor_refused_a_moderators_decision_learns_nothing_of_the_comment(
    client, editor, article, make_comment
):
    waiting = make_comment(article)
    client.force_login(editor)

    response = decide(client, waiting.pk)

    assert response.status_code == 403
    assert json.loads(response.content) == {"message": "Only moderators may decide on comments."}
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.PENDING


def test_an_editor_still_picks_a_comment_in_place(client, editor, commented):
    client.force_login(editor)

    response = decide(client, commented.pk, decision="pick")

    assert response.status_code == 200
    commented.refresh_from_db()
    assert commented.is_pick()


@pytest.mark.parametrize("role", ["reporter", "staff_without_role", "editor"])
def test_staff_who_may_not_ban_learn_nothing_from_the_ban_view(client, request, role, commented):
    act_as(client, request, role)
    ban = {"ban_kind": "email", "ban_days": "7", "ban_reason": "Abuse."}

    answers = [
        client.post(f"{QUEUE_URL}{comment_id}/ban/", ban)
        for comment_id in [commented.pk, 999_999, "abc"]
    ]

    assert {answer.status_code for answer in answers} == {403}
    assert {text(answer, css_class="error-page") for answer in answers} == {
        "Not allowed Only moderators may ban commenters. Back to the front page"
    }
    assert not Ban.objects.exists()


@pytest.mark.parametrize("comment_id", MALFORMED_IDS)
def test_a_malformed_comment_id_is_not_found_by_a_moderator(client, moderator, db, comment_id):
    client.force_login(moderator)

    answers = [
        decide(client, comment_id),
        decide(client, comment_id, as_json=False),
        client.post(
            f"{QUEUE_URL}{comment_id}/ban/",
            {"ban_kind": "email", "ban_days": "7", "ban_reason": "Abuse."},
        ),
    ]

    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert json.loads(answers[0].content) == {"message": "No such comment."}


@pytest.mark.parametrize("comment_id", MALFORMED_IDS)
def test_a_malformed_comment_id_is_not_found_by_an_editor(client, editor, db, comment_id):
    client.force_login(editor)

    assert decide(client, comment_id, decision="pick").status_code == 404


@pytest.mark.parametrize("comment_id", MALFORMED_IDS)
@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_a_malformed_comment_id_never_breaks_the_comments_page(
    client, db, request, role, comment_id
):
    act_as(client, request, role)

    for page in ["change", "history"]:
        response = client.get(f"{QUEUE_URL}{comment_id}/{page}/")
        # Django's admin sends a missing object back to the admin's home with a message.
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")
