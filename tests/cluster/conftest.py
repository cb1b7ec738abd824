"""The production shape, started for real once for these tests (ops/cluster.py): a
PostgreSQL primary and a streaming replica, moto's S3, Redis, two gunicorn servers and
the task worker, and Varnish in front. Marked `cluster`: `make cluster-check` runs them
(they need Debian's varnish, varnish-modules and PostgreSQL 15: `make cluster-packages`).
"""

import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import pytest

from ops.cluster import ROOT, Cluster, Ports

SETUP = """
import json
from datetime import timedelta
from django.contrib.auth.models import User
from django.utils import timezone
from articles.models import Article, Section
from comments.models import Comment

world = Section.objects.create(name="World", slug="world", order=1)
business = Section.objects.create(name="Business", slug="business", order=2)
now = timezone.now()

def article(headline, slug, section, hours_ago=None):
    live = hours_ago is not None
    return Article.objects.create(
        headline=headline, slug=slug, standfirst=f"{headline}, in short.", body="Text.",
        section=section, status="published" if live else "draft",
        publish_at=now - timedelta(hours=hours_ago) if live else None,
    )

# The oldest: no other page links to it, and it links to none of the stories that change.
unrelated = article("Mill closes after a century", "mill-closes", business, hours_ago=48)
story = article("Harbour reopens", "harbour-reopens", world, hours_ago=30)
for n in range(6):
    article(f"Market note {n}", f"market-note-{n}", business, hours_ago=n + 1)
draft = article("Ferries return to the island", "ferries-return", world)
night_trains = article("Night trains return", "night-trains", world)
held = article("Held back at the desk", "held-back", world)
waiting = Comment.objects.create(article=story, author_name="Ayse", body="Ferries back by noon.")
User.objects.create_superuser("desk", "desk@example.com", "desk-password")

def page(a):
    return {"pk": a.pk, "news_id": a.news_id, "url": f"/news/{a.news_id}/{a.slug}/"}

print(json.dumps({
    "unrelated": page(unrelated), "story": page(story), "draft": page(draft),
    "held": page(held), "night_trains": page(night_trains), "comment": waiting.pk,
}))
"""


def free_ports(servers):
    """Consecutive free ports for Varnish and the rest (see ops.cluster.Ports)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        ports = Ports(base, servers)
        wanted = [ports.varnish, *ports.apps, ports.moto, ports.primary, ports.replica]
        if base + servers + 4 < 65000 and all(is_free(port) for port in wanted):
            return ports


def is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="session")
def production():
    """The cluster, started once: replicas current within a second, so tests wait little."""
    folder = Path(tempfile.mkdtemp(prefix="newsroom-cluster-"))
    folder.chmod(0o755)  # PostgreSQL and Varnish run as users of their own
    cluster = Cluster(
        folder / "cluster",
        free_ports(servers=2),
        environment={
            "DATABASE_REPLICA_LAG": "2",
            "DATABASE_REPLICA_MAX_LAG": "3",
            "DATABASE_REPLICA_CHECK_SECONDS": "1",
        },
    )
    with cluster.start():
        yield cluster
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def rows(production):
    made = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETUP],
        cwd=ROOT,
        env=production.environment(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(made.stdout.strip().splitlines()[-1])


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser: their cookies, and what a page's forms carry."""

    def __init__(self):
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), NoRedirects())

    def get(self, url):
        return self.send(Request(url))

    def post(self, url, fields):
        return self.send(Request(url, urlencode(fields, doseq=True).encode()))

    def upload(self, url, fields, files):
        """A multipart form post: `files` maps a field to (filename, bytes, type)."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content, kind) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.send(Request(url, body, headers))

    def send(self, request):
        """(status, headers, text) of the answer."""
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode(errors="replace")
        except HTTPError as answered:
            return answered.code, answered.headers, answered.read().decode(errors="replace")

    def log_in(self, base):
        _, _, page = self.get(base + "/admin/login/")
        status, _, _ = self.post(
            base + "/admin/login/",
            {
                "username": "desk",
                "password": "desk-password",
                "csrfmiddlewaretoken": form_field(page, "csrfmiddlewaretoken"),
                "next": "/admin/",
            },
        )
        assert status == 302
        return self

    def act(self, base, changelist, action, pk):
        """Run an admin action on one row, as the desk does from the change list."""
        _, _, page = self.get(base + changelist)
        status, _, _ = self.post(
            base + changelist,
            {
                "action": action,
                "_selected_action": pk,
                "csrfmiddlewaretoken": form_field(page, "csrfmiddlewaretoken"),
            },
        )
        assert status == 302


def form_field(page, name):
    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)
