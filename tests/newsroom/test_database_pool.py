"""A pool of PostgreSQL connections per process, when asked for: a bound to count on."""

import json

from tests.newsroom.test_production import run_django

DATABASES = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps({alias: [db['CONN_MAX_AGE'], db.get('OPTIONS', {}).get('pool')] "
    "for alias, db in settings.DATABASES.items()}))"
)


def test_the_pool_bounds_each_database_when_asked_for():
    result = run_django(
        DATABASES,
        DEBUG="1",
        NEWSROOM_SERVER="gunicorn",
        DATABASE_URL="postgres://newsroom@db.internal:5432/newsroom",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/newsroom",
        DATABASE_POOL_MAX_SIZE="1",
    )

    assert result.returncode == 0, result.stderr
    databases = json.loads(result.stdout)
    # Pooled connections go back to the pool after each request: none is kept besides.
    assert databases["default"] == [0, {"min_size": 1, "max_size": 1, "timeout": 10}]
    # A replica that is down is given up on quickly: readers go to the primary.
    assert databases["replica"] == [0, {"min_size": 1, "max_size": 1, "timeout": 2}]


def test_without_a_pool_gunicorn_workers_keep_a_connection(tmp_path):
    result = run_django(
        DATABASES,
        DEBUG="1",
        NEWSROOM_SERVER="gunicorn",
        DATABASE_URL="postgres://newsroom@db.internal:5432/newsroom",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"default": [60, None]}


def test_sqlite_is_never_pooled(tmp_path):
    result = run_django(
        DATABASES,
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DATABASE_POOL_MAX_SIZE="4",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["default"][1] is None
