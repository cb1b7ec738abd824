"""Readers' pages read from the replica; staff, posts and verbs use the primary."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from newsroom.replicas import ReplicaReadsMiddleware, ReplicaRouter
from pagecache import versions

router = ReplicaRouter()


@pytest.fixture
def with_replica(settings, db):
    settings.DATABASE_REPLICA_URL = "postgres://replica.internal:5432/newsroom"
    settings.DATABASE_REPLICA_LAG = 10


def database_read_by(request):
    """Which database the request's reads go to, as its view would see it."""
    seen = {}

    def view(request):
        seen["article"] = router.db_for_read(Article)
        seen["comment"] = router.db_for_read(Comment)
        return None

    ReplicaReadsMiddleware(view)(request)
    assert seen["article"] == seen["comment"]
    return seen["article"]


def request_as(user, method="get", path="/"):
    request = getattr(RequestFactory(), method)(path)
    request.user = user
    return request


def settled(monkeypatch, seconds=60):
    """Move the clock past the last change by `seconds`."""
    later = timezone.now() + timedelta(seconds=seconds)
    monkeypatch.setattr(timezone, "now", lambda: later)


def test_a_readers_page_reads_from_the_replica(with_replica, monkeypatch):
    versions.site_state()
    settled(monkeypatch)

    assert database_read_by(request_as(AnonymousUser())) == "replica"
    assert database_read_by(request_as(AnonymousUser(), "head")) == "replica"


def test_staff_read_from_the_primary(with_replica, editor, monkeypatch):
    versions.site_state()
    settled(monkeypatch)

    assert database_read_by(request_as(editor)) == "default"


def test_a_readers_post_reads_from_the_primary(with_replica, monkeypatch):
    versions.site_state()
    settled(monkeypatch)

    assert database_read_by(request_as(AnonymousUser(), "post", "/comments/post/1/")) == "default"


def test_readers_read_from_the_primary_just_after_a_change(with_replica, monkeypatch):
    versions.pages_changed()

    assert database_read_by(request_as(AnonymousUser())) == "default"

    settled(monkeypatch, seconds=11)
    assert database_read_by(request_as(AnonymousUser())) == "replica"


def test_without_a_replica_everything_reads_from_the_primary(db, settings, monkeypatch):
    settings.DATABASE_REPLICA_URL = ""
    settled(monkeypatch)

    assert database_read_by(request_as(AnonymousUser())) == "default"


def test_writes_verbs_and_migrations_use_the_primary(with_replica):
    # Outside a reader's request (a verb in the admin, a management command) reads too.
    assert router.db_for_read(Article) == "default"
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")


def test_the_replica_is_configured_from_the_environment(tmp_path):
    from tests.newsroom.test_production import run_django

    result = run_django(
        "import django; django.setup(); from django.conf import settings; "
        "r = settings.DATABASES['replica']; "
        "print(r['HOST'], r['NAME'], settings.DATABASE_ROUTERS)",
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/newsroom",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "replica.internal",
        "newsroom",
        "['newsroom.replicas.ReplicaRouter']",
    ]
