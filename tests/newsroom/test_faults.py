"""Faults survived, as readers, posters and moderators see them from outside.

Real processes over a database and a Redis of the test's own (tests/newsroom/live.py):
Redis stopped and started again, database connections cut under load (PostgreSQL), the
mail worker killed while sending, two app servers restarted one after the other behind
a load balancer; and, from the same real workers, readers reporting at once and the
heaviest pictures an editor may upload. Each says what a person would see, and checks the rows afterwards.
"""

import os
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import pytest
import redis
from PIL import Image

from tests.newsroom.live import (
    MANAGE,
    Browser,
    MailServer,
    RedisServer,
    Site,
    load_balancer,
    own_database,
    terminate_connections,
    wait_for,
)

ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")

SETUP = """
from django.contrib.auth.models import Group, User
from django.utils import timezone
from articles.models import Article, Section
from comments.models import Comment

world = Section.objects.create(name="World", slug="world")
story = Article.objects.create(
    headline="Harbour reopens", slug="harbour", standfirst="Ferries sail again.",
    section=world, status="published", publish_at=timezone.now(), body="The ferries are back.",
)
moderator = User.objects.create_user(
    "moderator", "moderator@example.com", password="moderate-me", is_staff=True
)
moderator.groups.add(Group.objects.get(name="Moderators"))
waiting = Comment.objects.create(article=story, author_name="Ada", body="Ferries back by noon.")
print(json.dumps({"story": story.get_absolute_url(), "news_id": story.news_id,
                  "waiting": waiting.pk}))
"""


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    cache = RedisServer(folder)
    cache.start()
    with own_database(folder) as database_url:
        live = Site(folder, database_url, cache.url, COMMENTS_RATE_LIMIT="2")
        rows = live.prepare(SETUP)
        try:
            yield live, cache, rows
        finally:
            live.stop_all()
            if cache.process.poll() is None:
                cache.stop()


def at_once(work, times, threads=8):
    """`work()` run `times` times over `threads` threads; what each returned."""
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda _: work(), range(times)))


def post_comment(base, rows, words):
    reader = Browser()
    _, page = reader.get(base + rows["story"])
    return reader.post(
        f"{base}/comments/post/{rows['news_id']}/",
        {"body": words, "token": Browser.field(page, "token")},
    )


def approve(moderator, base, comment_id):
    status, queue = moderator.get(base + "/admin/comments/comment/")
    if status != 200:
        return status, queue  # the queue itself was caught by the fault
    return moderator.post(
        base + "/admin/comments/comment/",
        {
            "action": "approve_selected",
            "_selected_action": comment_id,
            "csrfmiddlewaretoken": Browser.field(queue, "csrfmiddlewaretoken"),
        },
    )


def kept_pages(cache):
    return len(redis.Redis.from_url(cache.url).keys("*pagecache:page:*"))


# --- Redis stopped ---


def test_readers_posters_and_moderators_get_through_while_redis_is_stopped(faults):
    live, cache, rows = faults
    server, base = live.start_server(WEB_CONCURRENCY="2")
    story = base + rows["story"]
    reader = Browser()
    assert reader.get(story)[0] == 200
    assert kept_pages(cache) > 0

    cache.stop()
    try:
        # Both workers answer readers, uncached.
        answers = at_once(lambda: reader.get(story), 16)
        assert {status for status, _ in answers} == {200}
        # Posting works; the rate limit (2 here) counts from the database meanwhile.
        assert post_comment(base, rows, "First thought.")[0] == 302
        assert post_comment(base, rows, "Second thought.")[0] == 302
        limited, page = post_comment(base, rows, "Third thought, too soon.")
        assert limited == 429
        assert "Third thought, too soon." in page
        # A moderator decides; readers see it at once, from a page made afresh.
        moderator = Browser()
        moderator.log_in(base, "moderator", "moderate-me")
        assert approve(moderator, base, rows["waiting"])[0] == 302
        answers = at_once(lambda: reader.get(story), 16)
        assert all("Ferries back by noon." in page for _, page in answers)
    finally:
        cache.start()

    # Redis is back with what it kept before it stopped (the page without the comment):
    # no reader is served that page.
    answers = at_once(lambda: reader.get(story), 16)
    assert all(status == 200 and "Ferries back by noon." in page for status, page in answers)
    assert kept_pages(cache) > 0
    live.stop(server)


# --- The database's connections cut ---


@pytest.mark.skipif(not ON_POSTGRESQL, reason="cutting connections is PostgreSQL's fault")
def test_cut_database_connections_cost_at_most_a_503_and_nothing_half_written(faults):
    live, _, rows = faults
    waiting = live.rows(
        f"""
from articles.models import Article
from comments.models import Comment
story = Article.objects.get(news_id={rows["news_id"]})
made = Comment.objects.bulk_create(
    Comment(article=story, author_name=f"Reader {{n}}", body=f"Comment {{n}}.") for n in range(40)
)
print(json.dumps([c.pk for c in made]))
"""
    )
    server, base = live.start_server(WEB_CONCURRENCY="2")
    moderator = Browser()
    moderator.log_in(base, "moderator", "moderate-me")
    statuses = Counter()
    stop = threading.Event()

    def read():
        n = 0
        while not stop.is_set():
            n += 1  # a new search each time: answered from the database
            statuses[Browser().get(f"{base}/search/?q=ferries{threading.get_ident()}x{n}")[0]] += 1

    def decide():
        for comment_id in waiting:
            if stop.is_set():
                return
            statuses[approve(moderator, base, comment_id)[0]] += 1

    workers = [threading.Thread(target=read) for _ in range(3)] + [threading.Thread(target=decide)]
    for worker in workers:
        worker.start()
    for _ in range(4):
        time.sleep(0.7)
        terminate_connections(live.environment["DATABASE_URL"])
    time.sleep(0.5)
    stop.set()
    for worker in workers:
        worker.join()

    assert statuses[500] == 0, statuses
    assert set(statuses) <= {200, 302, 503}, statuses
    # The next requests succeed.
    assert {Browser().get(f"{base}{rows['story']}?after={n}")[0] for n in range(6)} == {200}
    # Every comment shown was approved by a decision on record; every decision took.
    kept = live.rows(
        """
from comments.models import Comment, Decision
approved = set(Comment.objects.filter(status="approved").values_list("pk", flat=True))
decided = set(Decision.objects.filter(to_status="approved").values_list("comment_id", flat=True))
print(json.dumps({"approved": sorted(approved), "decided": sorted(decided)}))
"""
    )
    assert kept["approved"] == kept["decided"]
    live.stop(server)


# --- The mail worker killed while sending ---


def test_mail_worker_killed_while_sending_sends_every_mail_once_after_restart(faults):
    live, _, rows = faults
    mail = MailServer()
    worker_settings = {
        "NEWSROOM_TASK_WORKER": "1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail.port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_TIMEOUT": "120",
    }
    live.environment.update(worker_settings)
    try:
        live.manage(
            code=f"""
from django.contrib.auth.models import User
from articles.models import Article
from comments.models import Comment
story = Article.objects.get(news_id={rows["news_id"]})
moderator = User.objects.get(username="moderator")
for n in range(3):
    comment = Comment.objects.create(
        article=story, author_name=f"Mailed {{n}}", body=f"Tell me {{n}}.",
        email=f"reader{{n}}@example.com", notify=True,
    )
    comment.approve(by=moderator)
print("{{}}")
"""
        )
        first = live.start([*MANAGE, "db_worker", "--no-startup-delay"], start_new_session=True)
        wait_for(mail.held.is_set, what="the worker sending its first mail")
        os.killpg(first.pid, signal.SIGKILL)  # mid-conversation with the mail server
        first.wait(timeout=10)
        mail.holding.clear()

        # What `make serve` (and docs/deploy.md) start the worker with.
        live.manage("send_waiting_mail")
        again = live.start([*MANAGE, "db_worker", "--no-startup-delay"], start_new_session=True)
        sent = """
from comments.models import Notification
print(json.dumps(Notification.objects.filter(sent_at__isnull=True).count()))
"""
        wait_for(lambda: live.rows(sent) == 0, seconds=60, what="every mail sent")
        time.sleep(2)  # any second sending would have arrived by now
        live.stop(again)
    finally:
        for name in worker_settings:
            live.environment.pop(name)
        mail.close()

    recipients = Counter(
        line.split(":", 1)[1].strip()
        for message in mail.accepted
        for line in message.splitlines()
        if line.startswith("To:")
    )
    assert recipients == {f"reader{n}@example.com": 1 for n in range(3)}


# --- A rolling restart ---


def test_a_rolling_restart_of_two_servers_under_load_answers_no_5xx(faults, tmp_path):
    live, _, rows = faults
    servers = [live.start_server() for _ in range(2)]
    ports = [int(base.rsplit(":", 1)[1]) for _, base in servers]
    statuses = Counter()
    stop = threading.Event()

    with load_balancer(tmp_path / "nginx", ports) as base:

        def read():
            n = 0
            while not stop.is_set():
                n += 1
                path = rows["story"] if n % 2 else f"{rows['story']}?n={threading.get_ident()}-{n}"
                statuses[Browser().get(base + path)[0]] += 1

        readers = [threading.Thread(target=read) for _ in range(4)]
        for reader in readers:
            reader.start()
        time.sleep(1)
        for index, (process, _) in enumerate(servers):
            live.stop(process)  # graceful: what is in flight is answered
            servers[index] = live.start_server(port=ports[index])
            time.sleep(1)
        stop.set()
        for reader in readers:
            reader.join()

    for process, _ in servers:
        live.stop(process)
    assert statuses[200] > 50, statuses
    assert all(status < 500 for status in statuses), statuses


# --- Readers reporting at once ---


def test_twenty_readers_reporting_at_once_store_exactly_the_threshold(faults):
    live, _, rows = faults
    shown = live.rows(
        f"""
from articles.models import Article
from comments.models import Comment
story = Article.objects.get(news_id={rows["news_id"]})
comment = Comment.objects.create(article=story, body="Buy cheap watches.", status="approved")
print(json.dumps(comment.pk))
"""
    )
    # Behind one proxy of our own, each reader with an address of their own.
    server, base = live.start_server(WEB_CONCURRENCY="4", NEWSROOM_TRUSTED_PROXIES="1")
    url = f"{base}/comments/report/{shown}/"
    token = Browser.field(Browser().get(url)[1], "token")
    start = threading.Barrier(20)

    def report(n):
        reader = Browser(headers={"X-Forwarded-For": f"198.51.100.{n}"})
        start.wait()
        return reader.post(url, {"reason": "spam", "note": "", "token": token})[0]

    with ThreadPoolExecutor(20) as pool:
        answers = Counter(pool.map(report, range(1, 21)))
    live.stop(server)

    counted = live.rows(
        f"""
from comments.models import Comment, Report
comment = Comment.objects.get(pk={shown})
print(json.dumps([Report.objects.filter(comment=comment).count(), comment.report_count,
                  comment.status]))
"""
    )
    assert counted == [3, 3, "pending"], answers
    assert answers[302] == 3 and answers[404] == 17, answers


# --- The heaviest uploads ---


def encoded(image, fmt):
    buffer = BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def test_the_largest_pictures_allowed_take_no_worker_past_256_mib(faults):
    live, _, _ = faults
    live.manage(
        code="""
from django.contrib.auth.models import Group, User
editor = User.objects.create_user("editor", password="edit-me", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
print("{}")
"""
    )
    server, base = live.start_server()
    editor = Browser()
    editor.log_in(base, "editor", "edit-me")
    # The most pixels each kind may have: a JPEG at the pixel limits (decoded at an
    # eighth), and a PNG at the decoding budget (decoded whole), both flat: tiny on disk.
    budget = 64 * 1024 * 1024
    pictures = {
        "wall.jpg": ("image/jpeg", encoded(Image.new("RGB", (8000, 5000), "white"), "JPEG")),
        "chart.png": (
            "image/png",
            encoded(Image.new("RGB", (8000, budget // 3 // 8000), "steelblue"), "PNG"),
        ),
    }
    for name, (content_type, content) in pictures.items():
        _, form = editor.get(base + "/admin/images/libraryimage/add/")
        status, _ = editor.post_files(
            base + "/admin/images/libraryimage/add/",
            {
                "csrfmiddlewaretoken": Browser.field(form, "csrfmiddlewaretoken"),
                "alt_text": f"The largest {name}",
                "caption": "",
                "credit": "",
                "focus_x": "50",
                "focus_y": "50",
            },
            {"image": (name, content_type, content)},
        )
        assert status == 302, name

    peak = live.peak_memory_mib(server)
    live.stop(server)
    assert peak < 256, f"a worker reached {peak:.0f} MiB"
