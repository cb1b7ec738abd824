"""Production serving: the deploy check, /healthz, admin login throttling, database connections."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

# The production variables README.md documents, for an HTTPS-only site.
PRODUCTION_ENVIRONMENT = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-production-key-" + "x7Qp2" * 12,
    "ALLOWED_HOSTS": "news.example.com",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def run_django(code, **environment):
    """Run `code` in a fresh Python with the real settings and this environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "NEWSROOM_", "DATABASE_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="newsroom.settings", **environment)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


DEPLOY_CHECK = (
    "import django, sys; django.setup(); from django.core.management import call_command; "
    "call_command('check', deploy=True, fail_level='WARNING')"
)


def test_deploy_check_passes_with_the_documented_production_variables(tmp_path):
    result = run_django(
        DEPLOY_CHECK,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **PRODUCTION_ENVIRONMENT,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_without_hsts_preload_and_subdomains(tmp_path):
    environment = dict(PRODUCTION_ENVIRONMENT)
    del environment["SECURE_HSTS_INCLUDE_SUBDOMAINS"], environment["SECURE_HSTS_PRELOAD"]

    result = run_django(
        DEPLOY_CHECK, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **environment
    )

    assert result.returncode != 0
    assert "security.W005" in result.stderr
    assert "security.W021" in result.stderr


CONN_MAX_AGE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['CONN_MAX_AGE'])"
)
POSTGRES = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/newsroom", "DEBUG": "1"}


def test_runserver_never_keeps_database_connections():
    # runserver and manage.py commands load the settings without gunicorn's configuration,
    # even when an operator has set a connection lifetime.
    result = run_django(CONN_MAX_AGE, DATABASE_CONN_MAX_AGE="60", **POSTGRES)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_gunicorn_workers_keep_database_connections():
    result = run_django("import newsroom.gunicorn_conf; " + CONN_MAX_AGE, **POSTGRES)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "60"


# A new gunicorn worker, then a reader's first picture: does the address need a new
# boto3 resource (botocore loading its description of S3)?
FIRST_PICTURE_AFTER_WORKER_START = """
import django
django.setup()
import boto3.session
import newsroom.gunicorn_conf as conf
from django.core.files.storage import default_storage
conf.post_worker_init(None)
made = []
resource = boto3.session.Session.resource
boto3.session.Session.resource = lambda *args, **kwargs: made.append(1) or resource(*args, **kwargs)
default_storage.url("renditions/lead-800.jpg")
print(len(made))
"""


def test_a_gunicorn_worker_makes_its_media_client_before_the_first_reader():
    result = run_django(
        FIRST_PICTURE_AFTER_WORKER_START,
        DEBUG="1",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="newsroom",
        AWS_SECRET_ACCESS_KEY="newsroom-secret",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0"


def test_healthz_reports_the_database_and_the_cache(client, db):
    response = client.get("/healthz", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "Database(alias='default')": "OK",
        "Cache(alias='default')": "OK",
    }
    assert "no-store" in response["Cache-Control"]


def test_healthz_fails_when_the_cache_is_down(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }

    response = client.get("/healthz", HTTP_ACCEPT="application/json")

    assert response.status_code == 500
    assert json.loads(response.content)["Database(alias='default')"] == "OK"
    assert json.loads(response.content)["Cache(alias='default')"] != "OK"


def test_the_load_balancers_probe_passes_while_the_cache_is_down(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }

    response = client.get("/healthz/serving", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert json.loads(response.content) == {"Database(alias='default')": "OK"}


@pytest.fixture
def staff_member(db):
    return User.objects.create_user("desk", "desk@example.com", "right-password", is_staff=True)


def admin_login(client, username, password, address="203.0.113.5"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_admin_login_is_refused_after_too_many_wrong_passwords(client, staff_member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert admin_login(client, "desk", "guess").status_code == 200  # the form again

    locked = admin_login(client, "desk", "guess")
    after = admin_login(client, "desk", "right-password")

    assert locked.status_code == 429
    assert after.status_code == 429
    assert "Too many attempts" in after.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_out_guesser_does_not_lock_the_account_elsewhere(client, staff_member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, "desk", "guess", address="203.0.113.5")

    from_the_newsroom = admin_login(client, "desk", "right-password", address="198.51.100.7")

    assert from_the_newsroom.status_code == 302
    assert from_the_newsroom["Location"] == "/admin/"


def test_a_successful_login_clears_the_count(client, staff_member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        admin_login(client, "desk", "guess")
    assert admin_login(client, "desk", "right-password").status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        admin_login(client, "desk", "guess")

    assert admin_login(client, "desk", "right-password").status_code == 302
