"""`manage.py load_demo`: a complete demo newsroom, loaded once, and only in development."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from taggit.models import Tag

from articles.models import Article, ArticleEvent, Author, Section
from comments.models import Comment, Decision
from frontpage.models import Arrangement
from images.models import LibraryImage
from tests.pages import card_headlines

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "demo-password-for-tests"
# The widths `make run` scales pictures to (NEWSROOM_RENDITION_WIDTHS, README.md).
DEMO_WIDTHS = [480, 800, 1200, 1600]


def load_demo():
    call_command("load_demo", stdout=StringIO())


def counts():
    User = get_user_model()
    models = [Article, ArticleEvent, Arrangement, Author, Comment, LibraryImage, Section, Tag, User]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="module")
def demo_password():
    return DEMO_PASSWORD


@pytest.fixture(scope="module")
def demo_rendition_widths():
    """The demo's pictures in every size the site serves, as `make run` makes them."""
    return DEMO_WIDTHS


@pytest.fixture
def demo(demo_newsroom, settings, monkeypatch):
    """The demo as loaded (once for this module), and ready to be loaded again."""
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)


def test_loading_demo_twice_creates_nothing_new(demo):
    before = counts()

    load_demo()

    assert counts() == before


def test_demo_has_published_draft_and_scheduled_articles(demo):
    assert Article.objects.published().count() >= 30
    assert Article.objects.scheduled().count() == 1
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 1
    assert Section.objects.count() >= 4


def test_demo_articles_lead_with_library_pictures_described_and_made_in_every_size(demo):
    illustrated = Article.objects.exclude(lead_image=None).select_related("lead_image")

    assert illustrated.count() >= 20
    for article in illustrated:
        assert article.lead_alt_text.startswith("Illustration: "), article
        assert article.lead_caption, article
        assert {r["width"] for r in article.lead_image.renditions} == set(DEMO_WIDTHS)


def test_demo_library_holds_the_pictures_placed_in_bodies_too(demo):
    placed = LibraryImage.objects.get(caption="Trading resumed after the morning's halt.")

    assert placed.focus == (70, 40)
    assert Article.objects.filter(body__contains='data-file="').count() == 1


def test_demo_has_approved_and_pending_comments(demo):
    moderator = get_user_model().objects.get(username="moderator")

    assert Comment.objects.pending().exists()
    approved = Comment.objects.approved()
    assert approved.exists()
    # Each decided demo comment has its decision on record, made by the demo moderator.
    decided = Comment.objects.exclude(status=Comment.Status.PENDING)
    assert Decision.objects.filter(moderator=moderator).count() == decided.count()
    assert not decided.filter(decisions__isnull=True).exists()
    assert not Comment.objects.filter(ip_hash="").exists()


def test_demo_comments_come_after_their_article_went_live(demo):
    for comment in Comment.objects.select_related("article"):
        assert comment.created_at > comment.article.publish_at


def test_one_demo_article_has_comments_closed(demo):
    assert Article.objects.published().filter(comments_open=False).count() == 1


def test_demo_staff_log_in_with_demo_password(demo, client):
    for username in ["admin", "editor", "moderator", "reporter"]:
        assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD), (
            username
        )


def test_loading_demo_again_resets_staff_passwords(demo, monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", "a-new-demo-password")

    load_demo()

    assert client.login(request=HttpRequest(), username="editor", password="a-new-demo-password")


def test_demo_staff_hold_their_roles(demo):
    User = get_user_model()

    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="moderator").groups.filter(name="Moderators").exists()
    assert User.objects.get(username="reporter").groups.filter(name="Reporters").exists()


def test_demo_front_page_is_the_one_the_demo_editor_arranged(demo, client):
    arrangement = Arrangement.objects.get()

    assert arrangement.arranged_by.username == "editor"
    assert card_headlines(client.get("/")) == [
        "Neighbouring regions agree to share water from drought-hit river",
        "Chipmaker Norvane delays new factory over power supply",
        "Harbour City snatch late win to go top",
        "Physicists report cleaner measurement of a rare particle decay",
        "Small bakeries band together to buy flour in bulk",
    ]


def test_arranging_the_demo_front_page_again_leaves_the_editors_arrangement(demo):
    before = Arrangement.objects.get()
    out = StringIO()

    call_command("arrange_demo_front", stdout=out)

    assert Arrangement.objects.get() == before
    assert "already arranged" in out.getvalue()


def test_the_demo_front_page_is_arranged_only_in_development(demo, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only with DEBUG=1"):
        call_command("arrange_demo_front", stdout=StringIO())
