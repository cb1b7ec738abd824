"""Two app servers behind one site: two gunicorn instances sharing the database and Redis.

A moderator approves a comment through one; a reader of the other sees it at the next
request, though that server had the page in its cache. A reader who posts through both
uses up one allowance, not one per server.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, build_opener

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

SETUP = """
from django.contrib.auth.models import Group, User
from django.utils import timezone
from articles.models import Article, Section
from comments.models import Comment

world = Section.objects.create(name="World", slug="world")
live = dict(section=world, status="published", publish_at=timezone.now(), body="Text.")
closed = Article.objects.create(
    headline="Harbour reopens", slug="harbour", standfirst="Ferries.", comments_open=False, **live
)
open_ = Article.objects.create(headline="Rates rise", slug="rates", standfirst="Again.", **live)
waiting = Comment.objects.create(article=closed, body="Ferries back by noon.")
moderator = User.objects.create_user("moderator", password="moderate-me", is_staff=True)
moderator.groups.add(Group.objects.get(name="Moderators"))
print(json.dumps({"closed": closed.get_absolute_url(), "open": open_.news_id,
                  "open_url": open_.get_absolute_url(), "comment": waiting.pk}))
"""


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: their cookies, and what a page's forms carry."""

    def __init__(self):
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), NoRedirects())

    def get(self, url):
        return self.send(url)

    def post(self, url, fields):
        return self.send(url, urlencode(fields, doseq=True).encode())

    def send(self, url, data=None):
        try:
            with self.opener.open(url, data, timeout=20) as response:
                return response.status, response.read().decode()
        except HTTPError as answered:
            return answered.code, answered.read().decode()

    @staticmethod
    def field(page, name):
        return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def shared_database(tmp_path_factory):
    """A database of the servers' own (the suite's is inside a transaction they cannot see)."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('pair') / 'shared.sqlite3'}"
        return
    name = f"newsroom_pair_{os.getpid()}"
    admin_url = suite_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    yield suite_url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def site(shared_database, tmp_path_factory):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": "two-app-servers-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": shared_database,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"pair-{uuid.uuid4().hex}",
        "COMMENTS_RATE_LIMIT": "2",
        "WEB_CONCURRENCY": "1",
        # Production serves hashed static files: collected here, as `make serve` does.
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "collectstatic", "--noinput"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*manage, "migrate", "--noinput"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
    )
    made = subprocess.run(
        [*manage, "shell", "-c", "import json\n" + SETUP],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    servers = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "python:newsroom.gunicorn_conf", "newsroom.wsgi"],
            cwd=ROOT,
            env={**environment, "BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append((process, f"http://127.0.0.1:{port}"))
    try:
        for _, base in servers:
            wait_until_up(base)
        yield [base for _, base in servers], json.loads(made.stdout.strip().splitlines()[-1])
    finally:
        for process, _ in servers:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)


def wait_until_up(base):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if Browser().get(base + "/healthz")[0] == 200:
                return
        except URLError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} did not start")


def test_a_comment_approved_through_one_server_shows_on_the_other(site):
    (first, second), rows = site
    reader, moderator = Browser(), Browser()
    for _ in range(2):  # the second answer comes from the second server's cache
        assert "Ferries back by noon." not in reader.get(second + rows["closed"])[1]
        assert "0 comments" in reader.get(second + "/")[1]

    _, login = moderator.get(first + "/admin/login/")
    moderator.post(
        first + "/admin/login/",
        {
            "username": "moderator",
            "password": "moderate-me",
            "csrfmiddlewaretoken": Browser.field(login, "csrfmiddlewaretoken"),
            "next": "/admin/",
        },
    )
    _, queue = moderator.get(first + "/admin/comments/comment/")
    status, _ = moderator.post(
        first + "/admin/comments/comment/",
        {
            "action": "approve_selected",
            "_selected_action": rows["comment"],
            "csrfmiddlewaretoken": Browser.field(queue, "csrfmiddlewaretoken"),
        },
    )
    assert status == 302

    status, page = reader.get(second + rows["closed"])
    assert status == 200
    assert "Ferries back by noon." in page
    assert "1 comment" in reader.get(second + "/")[1]


def test_the_comment_rate_limit_is_shared_by_both_servers(site):
    (first, second), rows = site
    post_url = f"/comments/post/{rows['open']}/"

    def post_through(base, words):
        reader = Browser()
        _, page = reader.get(base + rows["open_url"])
        return reader.post(
            base + post_url,
            {
                "body": words,
                "token": Browser.field(page, "token"),
            },
        )

    assert post_through(first, "First thought.")[0] == 302
    assert post_through(second, "Second thought.")[0] == 302
    status, page = post_through(first, "Third thought, too soon.")

    assert status == 429
    assert "Third thought, too soon." in page
