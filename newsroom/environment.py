"""How `newsroom/settings.py` reads the environment: flags, numbers and database URLs.

Only the settings module calls these, once, at start-up; everything else reads settings.
"""

import os
from urllib.parse import urlsplit

import dj_database_url


def env_flag(name, default=False):
    """`1`, `true`, `yes` or `on` (any case) for yes; anything else set for no."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    """A whole number; unset or empty gives the default."""
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def database_from_url(url, *, conn_max_age, pool_sizes, **options):
    """One database from its URL: pooled (psycopg's pool) when `pool_sizes` asks for a pool,
    (min, max, timeout) with max above 0, and the database is PostgreSQL."""
    min_size, max_size, timeout = pool_sizes
    pooled = max_size and url.startswith(("postgres:", "postgresql:"))
    config = dj_database_url.parse(
        url, conn_max_age=0 if pooled else conn_max_age, conn_health_checks=True
    )
    if pooled:
        config.setdefault("OPTIONS", {})["pool"] = {
            "min_size": min_size,
            "max_size": max_size,
            "timeout": timeout,
            **options,
        }
    return config


def media_origins(bucket, host, endpoint, region):
    """Where readers' browsers fetch media from when it is kept in a bucket (for the
    Content-Security-Policy): its own domain, the S3-compatible store, or Amazon's S3."""
    if not bucket:
        return []
    if host:
        return [f"https://{host}"]
    if endpoint:
        return ["{0.scheme}://{0.netloc}".format(urlsplit(endpoint))]
    return [
        f"https://{bucket}.s3.amazonaws.com",
        f"https://{bucket}.s3.{region or 'us-east-1'}.amazonaws.com",
    ]
