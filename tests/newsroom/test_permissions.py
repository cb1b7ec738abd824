"""Who may do what at the desk: every role against every admin page and editorial step."""

import pytest
from django.contrib.auth.models import User

from articles.models import Article

ROLES = ["anonymous", "staff without a role", "reporter", "moderator", "editor", "superuser"]
WRITERS = {"reporter", "editor", "superuser"}
EDITORS = {"editor", "superuser"}
MODERATORS = {"moderator", "superuser"}

# (what, the page, who may open it)
PAGES = [
    ("the article list", lambda s: "/admin/articles/article/", WRITERS),
    ("a new article", lambda s: "/admin/articles/article/add/", WRITERS),
    ("a live article", lambda s: f"/admin/articles/article/{s.live.pk}/change/", WRITERS),
    ("its history", lambda s: f"/admin/articles/article/{s.live.pk}/history/", WRITERS),
    ("submitting a draft", lambda s: f"/admin/articles/article/{s.draft.pk}/submit/", WRITERS),
    (
        "sending back work in review",
        lambda s: f"/admin/articles/article/{s.in_review.pk}/send-back/",
        EDITORS,
    ),
    ("withdrawing", lambda s: f"/admin/articles/article/{s.live.pk}/withdraw/", EDITORS),
    ("deleting a draft", lambda s: f"/admin/articles/article/{s.draft.pk}/delete/", EDITORS),
    (
        "deleting a published article",
        lambda s: f"/admin/articles/article/{s.live.pk}/delete/",
        set(),
    ),
    ("tag suggestions", lambda s: "/admin/articles/article/tag-autocomplete/?term=a", WRITERS),
    ("sections", lambda s: "/admin/articles/section/", WRITERS),
    ("a new section", lambda s: "/admin/articles/section/add/", EDITORS),
    ("authors", lambda s: "/admin/articles/author/", WRITERS),
    ("a new author", lambda s: "/admin/articles/author/add/", EDITORS),
    ("tags", lambda s: "/admin/taggit/tag/", WRITERS),
    ("the image library", lambda s: "/admin/images/libraryimage/", WRITERS),
    ("a new library image", lambda s: "/admin/images/libraryimage/add/", WRITERS),
    ("the body editor's image picker", lambda s: "/admin/images/libraryimage/pick/", WRITERS),
    # Editors read comments to pick them; deciding on them stays with moderators.
    ("the moderation queue", lambda s: "/admin/comments/comment/", MODERATORS | EDITORS),
    (
        "a comment",
        lambda s: f"/admin/comments/comment/{s.comment.pk}/change/",
        MODERATORS | EDITORS,
    ),
    ("staff accounts", lambda s: "/admin/auth/user/", {"superuser"}),
]


class Newsroom:
    def __init__(self, make_article, make_comment):
        self.live = make_article()
        self.draft = make_article(status=Article.Status.DRAFT)
        self.in_review = make_article(status=Article.Status.IN_REVIEW)
        self.comment = make_comment(self.live)


@pytest.fixture
def newsroom(make_article, make_comment):
    return Newsroom(make_article, make_comment)


@pytest.fixture
def person(request, db, editor, reporter, moderator):
    role = request.param
    if role == "anonymous":
        return None
    if role == "staff without a role":
        return User.objects.create_user("clerk", "clerk@example.com", "pw", is_staff=True)
    if role == "superuser":
        return User.objects.create_superuser("root", "root@example.com", "pw")
    return {"reporter": reporter, "moderator": moderator, "editor": editor}[role]


@pytest.mark.parametrize("person", ROLES, indirect=True)
@pytest.mark.parametrize(("what", "url", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_who_may_open_each_desk_page(client, newsroom, person, request, what, url, allowed):
    role = request.node.callspec.params["person"]
    if person is not None:
        client.force_login(person)

    response = client.get(url(newsroom), follow=True)

    if person is None:
        assert response.redirect_chain[-1][0].startswith("/admin/login/")
    elif role in allowed:
        assert response.status_code == 200, f"{role} should open {what}"
    else:
        assert response.status_code == 403, f"{role} should not open {what}"


@pytest.mark.parametrize("person", ROLES, indirect=True)
@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected"])
def test_who_may_publish_and_unpublish_in_bulk(client, newsroom, person, request, action):
    role = request.node.callspec.params["person"]
    if person is not None:
        client.force_login(person)
    target = newsroom.draft if action == "publish_selected" else newsroom.live

    client.post(
        "/admin/articles/article/",
        {"action": action, "index": "0", "_selected_action": [target.pk]},
    )

    target.refresh_from_db()
    changed = target.status != (
        Article.Status.DRAFT if action == "publish_selected" else Article.Status.PUBLISHED
    )
    assert changed == (role in EDITORS)
    assert target.events.exists() == (role in EDITORS)
