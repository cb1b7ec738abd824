"""Readers' pages read from the replica; staff, posts and verbs use the primary."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from newsroom import replicas
from newsroom.replicas import ReplicaHealth, ReplicaReadsMiddleware, ReplicaRouter
from pagecache import versions

router = ReplicaRouter()


@pytest.fixture
def replica_lag(monkeypatch):
    """How far behind the (made-up) replica says it is: None when it does not answer."""
    lag = {"seconds": 0.0}
    monkeypatch.setattr(replicas, "replica_lag", lambda known_down=False: lag["seconds"])
    monkeypatch.setattr(replicas, "replica_health", ReplicaHealth())
    return lag


@pytest.fixture
def with_replica(settings, db, replica_lag):
    settings.DATABASE_REPLICA_URL = "postgres://replica.internal:5432/newsroom"
    settings.DATABASE_REPLICA_LAG = 10
    settings.DATABASE_REPLICA_MAX_LAG = 5
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0


def database_read_by(request):
    """Which database the request's reads go to, as its view would see it."""
    seen = {}

    def view(request):
        seen["article"] = router.db_for_read(Article)
        seen["comment"] = router.db_for_read(Comment)
        return HttpResponse()

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


def test_a_reader_who_has_just_posted_reads_from_the_primary(with_replica, monkeypatch):
    versions.site_state()
    settled(monkeypatch)
    posted = ReplicaReadsMiddleware(lambda request: HttpResponse())(
        request_as(AnonymousUser(), "post", "/comments/post/1/")
    )
    cookie = posted.cookies[replicas.WROTE_COOKIE]
    assert cookie["max-age"] == 10

    after = request_as(AnonymousUser())
    after.COOKIES[replicas.WROTE_COOKIE] = cookie.value
    assert database_read_by(after) == "default"


def test_readers_read_from_the_primary_while_the_replica_lags(
    with_replica, replica_lag, monkeypatch
):
    versions.site_state()
    settled(monkeypatch)
    replica_lag["seconds"] = 6.0

    assert database_read_by(request_as(AnonymousUser())) == "default"

    replica_lag["seconds"] = 1.0
    assert database_read_by(request_as(AnonymousUser())) == "replica"


def test_readers_read_from_the_primary_while_the_replica_is_down(
    with_replica, replica_lag, monkeypatch
):
    versions.site_state()
    settled(monkeypatch)
    replica_lag["seconds"] = None

    assert database_read_by(request_as(AnonymousUser())) == "default"


def test_a_read_that_fails_on_a_replica_gone_away_is_answered_from_the_primary(
    with_replica, replica_lag, monkeypatch
):
    versions.site_state()
    settled(monkeypatch)
    answered_from = []

    def view(request):
        database = router.db_for_read(Article)
        answered_from.append(database)
        if database == "replica":
            replica_lag["seconds"] = None  # it stops while the page is being read
            return HttpResponse(status=500)
        return HttpResponse("Harbour reopens")

    response = ReplicaReadsMiddleware(view)(request_as(AnonymousUser()))

    assert response.status_code == 200
    assert answered_from == ["replica", "default"]


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
