"""A read replica for the public pages: which requests may read there, and the router.

Anonymous readers' GET and HEAD requests read from the `replica` database when one is
configured (`DATABASE_REPLICA_URL`); staff, every form post and every newsroom verb read
and write the primary, so a desk never acts on rows a replica has not caught up with.

Right after a change readers would see, reads stay on the primary for
`DATABASE_REPLICA_LAG` seconds: the page cache renders the new page once, and it must not
render it from a replica that has not yet received the change. A reader who has just
posted (a comment, a report) reads from the primary for as long, whatever their post
changed: a cookie says so.

The replica is used only while it keeps up: each process asks it every
`DATABASE_REPLICA_CHECK_SECONDS` how far behind it is, and leaves it alone while it is
more than `DATABASE_REPLICA_MAX_LAG` seconds behind, not streaming, or not answering. A
reader's request that fails because the replica went away in the meantime is answered
again from the primary: a read is safe to repeat.
"""

import time
from contextvars import ContextVar

import psycopg
from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from pagecache import versions

REPLICA = "replica"
SAFE_METHODS = {"GET", "HEAD"}
# Set on the answer to every post: its sender reads from the primary while it lasts.
WROTE_COOKIE = "newsroom_wrote"

# Seconds behind the primary; NULL when the replica is not streaming from it (the primary
# moves on, and nothing says how far). A promoted replica is a primary: never behind.
LAG_QUERY = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN NOT EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN NULL
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())
END
"""


class ReaderReads:
    """This request's reads may go to the replica; `used` once one has."""

    used = False


_reader_reads = ContextVar("reader_reads", default=None)


def replica_lag(known_down=False):
    """How many seconds the replica is behind the primary; None when it cannot say.

    Asked on this process's own connection (from its pool, if any), except while readers
    are kept off the replica (it was down or behind): then on a connection of its own
    that gives up after a second, rather than waiting out the pool's timeout each time."""
    replica = connections[REPLICA]
    if replica.vendor != "postgresql":
        return 0.0
    try:
        if known_down:
            parameters = {**replica.get_connection_params(), "connect_timeout": 1}
            with psycopg.connect(**parameters) as connection:
                (lag,) = connection.execute(LAG_QUERY).fetchone()
        else:
            with replica.cursor() as cursor:
                cursor.execute(LAG_QUERY)
                (lag,) = cursor.fetchone()
    except (DatabaseError, psycopg.Error):
        replica.close()
        return None
    return None if lag is None else float(lag)


class ReplicaHealth:
    """Whether the replica keeps up, as this process last found: asked at most every
    `DATABASE_REPLICA_CHECK_SECONDS`, so a page served whole from the cache asks nothing."""

    def __init__(self):
        self.checked_at = None
        self.current = False

    def is_current(self):
        age = None if self.checked_at is None else time.monotonic() - self.checked_at
        if age is None or age >= settings.DATABASE_REPLICA_CHECK_SECONDS:
            return self.check_now()
        return self.current

    def check_now(self):
        lag = replica_lag(known_down=self.checked_at is not None and not self.current)
        self.current = lag is not None and lag <= settings.DATABASE_REPLICA_MAX_LAG
        self.checked_at = time.monotonic()
        return self.current


replica_health = ReplicaHealth()


class ReplicaRouter:
    """Reads made while serving a reader go to the replica while it keeps up; everything
    else to the primary."""

    def db_for_read(self, model, **hints):
        reads = _reader_reads.get()
        if reads is None or not replica_health.is_current():
            return "default"
        reads.used = True
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def may_read_from_replica(request):
    """Whether this request only reads what any reader may see, and the replica has had time
    to receive the last change (the site's, and this reader's own)."""
    if request.method not in SAFE_METHODS or request.user.is_authenticated:
        return False
    if WROTE_COOKIE in request.COOKIES:
        return False
    changed_at = versions.site_state()["changed_at"]
    return timezone.now().timestamp() - changed_at >= settings.DATABASE_REPLICA_LAG


class ReplicaReadsMiddleware:
    """Send this request's reads to the replica when `may_read_from_replica` says so, and
    mark every post's sender to read from the primary for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DATABASE_REPLICA_URL:
            return self.get_response(request)
        if not may_read_from_replica(request):
            response = self.get_response(request)
            if request.method not in SAFE_METHODS:
                remember_the_write(response)
            return response
        reads = ReaderReads()
        token = _reader_reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reader_reads.reset(token)
        if response.status_code >= 500 and reads.used and not replica_health.check_now():
            # The replica went away during the request: answer the reader from the primary.
            return self.get_response(request)
        return response


def remember_the_write(response):
    """Have the sender of a post read from the primary for `DATABASE_REPLICA_LAG` seconds."""
    response.set_cookie(
        WROTE_COOKIE,
        "1",
        max_age=settings.DATABASE_REPLICA_LAG,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
