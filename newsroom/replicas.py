"""A read replica for the public pages: which requests may read there, and the router.

Anonymous readers' GET and HEAD requests read from the `replica` database when one is
configured (`DATABASE_REPLICA_URL`); staff, every form post and every newsroom verb read
and write the primary, so a desk never acts on rows a replica has not caught up with.

Right after a change readers would see, reads stay on the primary for
`DATABASE_REPLICA_LAG` seconds: the page cache renders the new page once, and it must not
render it from a replica that has not yet received the change.
"""

from contextvars import ContextVar

from django.conf import settings
from django.utils import timezone

from pagecache import versions

REPLICA = "replica"
_reading_for_readers = ContextVar("reading_for_readers", default=False)


class ReplicaRouter:
    """Reads made while serving a reader go to the replica; everything else to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reading_for_readers.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def may_read_from_replica(request):
    """Whether this request only reads what any reader may see, and the replica is current."""
    if request.method not in {"GET", "HEAD"} or request.user.is_authenticated:
        return False
    changed_at = versions.site_state()["changed_at"]
    return timezone.now().timestamp() - changed_at >= settings.DATABASE_REPLICA_LAG


class ReplicaReadsMiddleware:
    """Send this request's reads to the replica when `may_read_from_replica` says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DATABASE_REPLICA_URL or not may_read_from_replica(request):
            return self.get_response(request)
        token = _reading_for_readers.set(True)
        try:
            return self.get_response(request)
        finally:
            _reading_for_readers.reset(token)
