"""Staff roles: moderators decide on comments and nothing else; editors pick, never moderate."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from comments.models import Ban, Comment, Decision, ModerationWord
from comments.privacy import email_hash

QUEUE_URL = "/admin/comments/comment/"

EDITORS = {
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "delete_article"),
    ("articles", "view_article"),
    ("articles", "publish_article"),
    ("articles", "view_articleevent"),
    ("articles", "add_section"),
    ("articles", "change_section"),
    ("articles", "delete_section"),
    ("articles", "view_section"),
    ("articles", "add_author"),
    ("articles", "change_author"),
    ("articles", "delete_author"),
    ("articles", "view_author"),
    ("taggit", "add_tag"),
    ("taggit", "change_tag"),
    ("taggit", "delete_tag"),
    ("taggit", "view_tag"),
    # The image library: editors upload, correct and remove pictures.
    ("images", "add_libraryimage"),
    ("images", "change_libraryimage"),
    ("images", "delete_libraryimage"),
    ("images", "view_libraryimage"),
    # Editors read the comments to choose editor's picks; deciding stays with moderators.
    ("comments", "view_comment"),
    ("comments", "pick_comment"),
    # The wire desk: the queue, fetching to drafts, and keeping the providers.
    ("wire", "view_wireitem"),
    ("wire", "fetch_wireitem"),
    ("wire", "view_wireversion"),
    ("wire", "view_provider"),
    ("wire", "add_provider"),
    ("wire", "change_provider"),
    ("wire", "view_ingestrun"),
    # The front page: editors arrange its lead and top stories, and read every arrangement.
    ("frontpage", "add_arrangement"),
    ("frontpage", "view_arrangement"),
}
REPORTERS = {
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "view_articleevent"),
    ("articles", "view_section"),
    ("articles", "view_author"),
    ("taggit", "add_tag"),
    ("taggit", "view_tag"),
    # Reporters upload pictures for their stories; removing one is an editor's call.
    ("images", "add_libraryimage"),
    ("images", "change_libraryimage"),
    ("images", "view_libraryimage"),
    # Reporters work the wire queue too; the providers are the editors'.
    ("wire", "view_wireitem"),
    ("wire", "fetch_wireitem"),
    ("wire", "view_wireversion"),
    ("wire", "view_provider"),
    ("wire", "view_ingestrun"),
}
MODERATORS = {
    ("comments", "view_comment"),
    ("comments", "moderate_comment"),
    ("comments", "manage_commenter_data"),
    ("comments", "view_decision"),
    ("comments", "view_moderationword"),
    ("comments", "add_moderationword"),
    ("comments", "change_moderationword"),
    ("comments", "delete_moderationword"),
    ("comments", "view_ban"),
    ("comments", "add_ban"),
    ("comments", "change_ban"),
    ("comments", "view_report"),
    ("comments", "pick_comment"),
}


def permissions_of(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group_name", "expected"),
    [("Editors", EDITORS), ("Reporters", REPORTERS), ("Moderators", MODERATORS)],
)
def test_migrations_create_each_role_with_exactly_its_permissions(group_name, expected):
    assert permissions_of(group_name) == expected


@pytest.mark.django_db
def test_the_newsroom_has_exactly_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) == {
        "Editors",
        "Reporters",
        "Moderators",
    }


@pytest.mark.django_db
def test_reporters_have_no_comment_permissions(reporter):
    assert not any(p.startswith("comments.") for p in reporter.get_all_permissions())


@pytest.mark.django_db
def test_editors_may_only_read_comments_and_pick_them(editor):
    assert {p for p in editor.get_all_permissions() if p.startswith("comments.")} == {
        "comments.view_comment",
        "comments.pick_comment",
    }


def test_moderators_have_no_article_permissions(moderator):
    assert moderator.get_all_permissions() == {f"{app}.{code}" for app, code in MODERATORS}


def test_moderator_cannot_open_an_article_in_the_admin(client, moderator, article):
    client.force_login(moderator)

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 403


def test_moderator_cannot_change_an_article(client, moderator, article):
    client.force_login(moderator)

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            "headline": "Hijacked headline",
            "slug": article.slug,
            "standfirst": article.standfirst,
            "section": article.section.pk,
            "body": "Rewritten.",
            "status": "published",
            "comments_open": "",
        },
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Turkey's central bank raises rates again"
    assert article.comments_open


def test_moderator_cannot_see_the_article_list_in_the_admin(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("admin:articles_article_changelist"))

    assert response.status_code == 403


def test_reporters_cannot_reach_the_moderation_queue(client, reporter, article, make_comment):
    comment = make_comment(article)
    client.force_login(reporter)

    assert client.get(QUEUE_URL).status_code == 403
    change_url = reverse("admin:comments_comment_change", args=[comment.pk])
    assert client.get(change_url).status_code == 403


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_newsroom_staff_cannot_approve_comments(client, request, role, article, make_comment):
    comment = make_comment(article)
    client.force_login(request.getfixturevalue(role))

    client.post(QUEUE_URL, {"action": "approve_selected", "_selected_action": [comment.pk]})

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.mark.parametrize("url", ["/admin/", QUEUE_URL])
def test_anonymous_visitor_is_sent_to_the_admin_login(client, db, url):
    response = client.get(url)

    assertRedirects(response, f"{reverse('admin:login')}?next={url}")


def test_anonymous_visitor_never_sees_the_queue(client, article, make_comment):
    make_comment(article, body="Only moderators should read this.")

    response = client.get(QUEUE_URL, follow=True)

    assertNotContains(response, "Only moderators should read this.")
    assertContains(response, "Log in")


def test_anonymous_visitor_cannot_approve_comments(client, article, make_comment):
    comment = make_comment(article)

    client.post(QUEUE_URL, {"action": "approve_selected", "_selected_action": [comment.pk]})

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "sees", "does_not_see"),
    [
        ("reporter", "/admin/articles/article/", QUEUE_URL),
        ("moderator", QUEUE_URL, "/admin/articles/article/"),
    ],
)
def test_admin_index_shows_each_role_its_own_work(client, request, role, sees, does_not_see):
    client.force_login(request.getfixturevalue(role))

    response = client.get("/admin/")

    assert response.status_code == 200
    assertContains(response, f'href="{sees}"')
    assertNotContains(response, f'href="{does_not_see}"')


@pytest.fixture
def staff_without_role(django_user_model):
    return django_user_model.objects.create_user(
        "intern", "intern@example.com", "pw", is_staff=True
    )


ROLES = ["anonymous", "staff_without_role", "reporter", "editor", "moderator", "admin_user"]
# Who may do what on the moderation desk: only moderators and superusers decide, ban,
# keep the word lists and answer commenters' data requests.
MAY_MODERATE = {"moderator", "admin_user"}
# Editors read comments to pick them, without the commenters' email or record.
MAY_READ = MAY_MODERATE | {"editor"}


def act_as(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_reading_the_queue_and_a_comments_page(
    client, request, role, article, make_comment
):
    comment = make_comment(article, body="Only moderators read this.")
    act_as(client, request, role)

    for url in [QUEUE_URL, reverse("admin:comments_comment_change", args=[comment.pk])]:
        response = client.get(url)
        if role in MAY_READ:
            assertContains(response, "Only moderators read this.")
        else:
            assert response.status_code in (302, 403)
            assertNotContains(
                response, "Only moderators read this.", status_code=response.status_code
            )


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_deciding_in_place_in_bulk_and_on_the_page(
    client, request, role, article, make_comment
):
    one, two, three = make_comment(article), make_comment(article), make_comment(article)
    act_as(client, request, role)
    decide = reverse("admin:comments_comment_decide", args=[one.pk])

    in_place = client.post(
        decide, {"decision": "approve", f"seen-{one.pk}": "0"}, HTTP_ACCEPT="application/json"
    )
    client.post(QUEUE_URL, {"action": "reject_selected", "_selected_action": [two.pk]})
    client.post(
        reverse("admin:comments_comment_decide", args=[three.pk]),
        {"decision": "spam", "version": "0", "reason": "Casino links."},
    )

    statuses = [
        c.status for c in Comment.objects.filter(pk__in=[one.pk, two.pk, three.pk]).order_by("pk")
    ]
    if role in MAY_MODERATE:
        assert in_place.status_code == 200
        assert statuses == ["approved", "rejected", "spam"]
    else:
        assert in_place.status_code in (302, 403)
        assert statuses == ["pending", "pending", "pending"]
        assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_bans_and_word_lists(client, request, role, article, make_comment):
    comment = make_comment(article, email_hash="e" * 64, ip_hash="a" * 64)
    act_as(client, request, role)

    client.post(
        reverse("admin:comments_comment_ban", args=[comment.pk]),
        {"ban_kind": "address", "ban_days": "7", "ban_reason": "Flooding."},
    )
    client.post(
        reverse("admin:comments_moderationword_add"), {"phrase": "casino", "kind": "banned"}
    )

    made = Ban.objects.exists(), ModerationWord.objects.exists()
    assert made == ((True, True) if role in MAY_MODERATE else (False, False))


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_erasing_a_commenters_data(
    client, request, role, article, make_comment
):
    comment = make_comment(
        article, email="reader@example.com", email_hash=email_hash("reader@example.com")
    )
    act_as(client, request, role)

    client.post(QUEUE_URL, {"action": "erase_commenter_data", "_selected_action": [comment.pk]})

    comment.refresh_from_db()
    assert (comment.email == "") == (role in MAY_MODERATE)
