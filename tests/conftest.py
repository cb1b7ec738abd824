"""Shared fixtures: small factories for the newsroom's rows and its staff roles."""

import itertools
from datetime import timedelta
from importlib import import_module
from io import BytesIO, StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Section
from comments.models import Comment
from images.models import LibraryImage

_numbers = itertools.count(1)


@pytest.fixture(scope="session", autouse=True)
def _site_urls_loaded():
    """Load the URLconf before the first test, as a server does before its first request.

    newsroom/urls.py takes the task queue off the admin site; a test that walks the admin's
    registry sees the site's registry even when it is the first test of its process (each
    parallel worker is a process of its own).
    """
    import_module(settings.ROOT_URLCONF)


def empty_the_cache():
    """Forget what this process's cache holds, as after a restart.

    On a shared Redis server only this process's own keys: `cache.clear()` empties the
    whole database, and with it the pages another worker's test is reading back.
    """
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counts do not carry over."""
    empty_the_cache()


@pytest.fixture(scope="module")
def demo_password():
    """The demo staff's password; None leaves `load_demo` its own. A module may name one."""
    return None


@pytest.fixture(scope="module")
def demo_rendition_widths():
    """The widths the demo's pictures are scaled to; one, unless a module is about sizes."""
    return [480]


@pytest.fixture(scope="module")
def demo_newsroom(
    django_db_setup, django_db_blocker, demo_password, demo_rendition_widths, tmp_path_factory
):
    """The demo newsroom (`manage.py load_demo`), loaded once for a module's tests.

    Loading it draws and scales three dozen pictures, seconds that each test paid when it
    loaded its own. It is loaded in a transaction left open until the module's last test
    and then rolled back; each test runs inside it and its own changes roll back as ever,
    so every test starts from the demo as loaded. A module that uses it has no
    transactional (live server) tests. The demo's pictures go to a folder of their own,
    scaled to `demo_rendition_widths`.
    """
    loaded = transaction.atomic()
    demo_media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=demo_media, NEWSROOM_RENDITION_WIDTHS=demo_rendition_widths):
        with django_db_blocker.unblock():
            loaded.__enter__()
        try:
            with (
                django_db_blocker.unblock(),
                override_settings(DEBUG=True),
                pytest.MonkeyPatch.context() as env,
            ):
                if demo_password is not None:
                    env.setenv("DEMO_PASSWORD", demo_password)
                call_command("load_demo", stdout=StringIO())
            yield
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                loaded.__exit__(None, None, None)


@pytest.fixture
def section(db):
    return Section.objects.create(name="World", slug="world", order=1)


@pytest.fixture
def make_section(db):
    def make(name, **fields):
        fields.setdefault("slug", name.lower().replace(" ", "-"))
        return Section.objects.create(name=name, **fields)

    return make


@pytest.fixture
def make_author(db):
    def make(name="Ayse Demir", **fields):
        fields.setdefault("slug", f"{name.lower().replace(' ', '-')}-{next(_numbers)}")
        return Author.objects.create(name=name, **fields)

    return make


@pytest.fixture
def make_article(db, section):
    """A live article by default; pass status/publish_at for drafts and scheduled ones."""

    def make(**fields):
        n = next(_numbers)
        tags = fields.pop("tags", [])
        byline = fields.pop("byline", [])
        fields.setdefault("headline", f"Story number {n} from the newsroom")
        fields.setdefault("slug", f"story-number-{n}")
        fields.setdefault("standfirst", f"What happened in story {n}, in one sentence.")
        fields.setdefault("body", f"First paragraph of story {n}.\n\nSecond paragraph.")
        fields.setdefault("section", section)
        fields.setdefault("status", Article.Status.PUBLISHED)
        if fields["status"] == Article.Status.PUBLISHED:
            fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        article = Article.objects.create(**fields)
        if tags:
            article.tags.add(*tags)
        if byline:
            article.byline.set(byline)
        return article

    return make


@pytest.fixture
def make_picture(db):
    """A picture in the image library: a real JPEG of the size asked, or the `upload` given.

    As an article's lead image: `make_article(lead_image=make_picture(...))`.
    """

    def make(upload=None, *, width=1200, height=800, name="harbour.jpg", **fields):
        if upload is None:
            buffer = BytesIO()
            Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "JPEG")
            upload = SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")
        fields.setdefault("alt_text", "Ships moored in the harbour")
        return LibraryImage.objects.create(image=upload, **fields)

    return make


@pytest.fixture
def article(make_article):
    return make_article(
        headline="Turkey's central bank raises rates again",
        slug="turkey-central-bank-raises-rates",
        standfirst="The bank surprised markets with a second rise in a month.",
        dateline="Ankara",
        source="Reuters",
        body="The central bank raised its main rate on Thursday.\n\nEconomists had expected a pause.",
    )


@pytest.fixture
def make_comment(db):
    """A pending comment by default, as every reader comment starts."""

    def make(article, **fields):
        n = next(_numbers)
        fields.setdefault("author_name", f"Reader {n}")
        fields.setdefault("body", f"Comment number {n}.")
        return Comment.objects.create(article=article, **fields)

    return make


def _staff(username, group_name):
    user = User.objects.create_user(username, f"{username}@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _staff("editor", "Editors")


@pytest.fixture
def reporter(db):
    return _staff("reporter", "Reporters")


@pytest.fixture
def moderator(db):
    return _staff("moderator", "Moderators")
