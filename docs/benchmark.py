"""Newsroom's benchmark: the public pages under load, and every page's time at any size.

    make benchmark              # installs wrk (Debian) if missing, then runs `load` below
    .venv/bin/python docs/benchmark.py load [--rounds 3] [--duration 5]
    .venv/bin/python docs/benchmark.py load --scale 100000 --scale-comments 1000000
    .venv/bin/python docs/benchmark.py pages [--articles 300] [--comments 500] [--runs 200]
    DATABASE_URL=postgres://…/newsroom_scale .venv/bin/python docs/benchmark.py pages --existing

`load`: builds a throwaway SQLite database (the demo, `load_demo`; with `--scale`, that
many more articles and comments from `load_scale`; and 500 approved comments on the
demo's second story) and starts two gunicorn instances as production runs them
(`newsroom/gunicorn_conf.py`, 2 sync workers, DEBUG off): "cached", with the page cache,
and "cold", with every cache a dummy, so that every request makes its page from the
database. Each page's bytes are captured and served again from a template-only Django
view through the same middleware: the floor. wrk (2 threads, 16 connections) drives
every page in every mode once per round, rounds interleaved; printed per page and mode:
the median over rounds of requests per second, p50 and p99 latency, and the ratio to the
floor. The pages: the demo's first story, the story with 500 comments, the front page.

`pages`: requests each public page and the moderation queue in-process (Django's test
client) and prints the median and 95th percentile time, the number of queries and the
process's peak memory. Nothing is kept: the cache is a dummy, so every request makes its
page from the database, as the first reader after a change does. It builds its own
database (SQLite in a temporary folder, or DATABASE_URL's server), or with `--existing`
measures the database as it is, for instance one filled by `manage.py load_scale`.

`wire`: the wire desk (docs/benchmark_wire.py): a drop folder of `--items` agency files
ingested, then read again with nothing new (time, peak memory, statements that wrote),
then the wire queue at `--queue` items in-process.

    .venv/bin/python docs/benchmark.py wire [--items 10000] [--queue 100000] [--runs 20]

Figures are recorded in docs/performance.md.
"""

import argparse
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

WORK = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
SERVER_ENVIRONMENT = {
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-" + uuid.uuid4().hex,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_COOKIES": "0",
    "DJANGO_SETTINGS_MODULE": "benchmark_floor",
    "BENCHMARK_FLOOR_DIR": str(WORK),
    "PYTHONPATH": os.pathsep.join([str(DOCS), str(ROOT), os.environ.get("PYTHONPATH", "")]),
    "WEB_CONCURRENCY": "2",
    # Production serves hashed static files, collected here as `make serve` does.
    "STATIC_ROOT": str(WORK / "static"),
}


def add_articles(count):
    """`count` live articles with two tags each, a minute apart, newest first; migrates first."""
    from django.core.management import call_command
    from django.utils import timezone

    from articles.models import Article, Section

    call_command("migrate", verbosity=0)
    sections = [
        Section.objects.get_or_create(slug=slug, defaults={"name": slug.title(), "order": i})[0]
        for i, slug in enumerate(["world", "business", "science", "sport", "culture"])
    ]
    now = timezone.now()
    for n in range(count):
        article = Article.objects.create(
            headline=f"Benchmark story {n}: the central bank raises rates again",
            slug=f"benchmark-story-{n}",
            standfirst="A sentence that sums up the story for the front page and the cards.",
            dateline="ANKARA",
            source="Reuters",
            body="\n\n".join(["A paragraph of reporting, with its facts and quotes. " * 8] * 8),
            section=sections[n % len(sections)],
            status="published",
            publish_at=now - timedelta(minutes=n),
        )
        article.tags.add("economy", f"topic-{n % 10}")
    return list(Article.objects.order_by("-publish_at"))


def add_approved_comments(article, count):
    from comments.models import Comment

    Comment.objects.bulk_create(
        Comment(
            article=article,
            author_name=f"Reader {i}",
            body="A considered reply to the story, in two sentences. It adds a fact.",
            status="approved",
        )
        for i in range(count)
    )


def analyze():
    """Table statistics, as autovacuum keeps them on a live PostgreSQL database and as
    `load_scale` leaves them on SQLite (without them SQLite finds related stories by walking
    every live article)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def build_load_test(options):
    """The newsroom to measure: the demo, at `--scale` articles if asked, and one story with
    500 approved comments. Returns the paths of the demo article page and of the long thread."""
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    if options.scale:
        call_command(
            "load_scale",
            articles=options.scale,
            comments=options.scale_comments,
            skip_search_index=True,
            verbosity=0,
        )
    # The demo's first two stories: the one readers land on, and the one given a long thread.
    demo, long_thread = (
        Article.objects.published().exclude(slug__startswith="scale-story-").order_by("news_id")[:2]
    )
    add_approved_comments(long_thread, 500)
    analyze()
    connection.close()
    return demo.get_absolute_url(), long_thread.get_absolute_url()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(**environment):
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "python:newsroom.gunicorn_conf",
            # No access log and no worker recycling: they are not what is measured.
            "--access-logfile",
            "/dev/null",
            "--max-requests",
            "0",
            "newsroom.wsgi",
        ],
        cwd=ROOT,
        env={**os.environ, **SERVER_ENVIRONMENT, **environment, "BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            # Not /healthz: it fails, rightly, on a cache that keeps nothing.
            with urlopen(base + "/robots.txt", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def capture(url):
    with urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read()


def unsigned(page):
    """A page without its comment form's signed timestamp, which changes every second."""
    return re.sub(rb'name="token" value="[^"]*"', b"", page)


UNITS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, duration):
    result = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{duration}s", "--timeout", "30s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    if "Non-2xx" in out:
        raise SystemExit(f"{url} answered errors under load:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
    }


# How each gunicorn instance keeps pages: the page cache as production runs it; "cold", every
# cache a dummy, so each request makes its page from the database as the first reader after
# a change does, or any reader of an old story no cache holds.
MODES = {
    "cached": {},
    "cold": {"BENCHMARK_CACHES": "dummy"},
}


def load(options):
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: `make benchmark` installs it (apt-get install wrk).")

    demo, long_thread = build_load_test(options)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, **SERVER_ENVIRONMENT, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        check=True,
    )
    (WORK / "floor").mkdir()
    servers = {}
    try:
        for mode, environment in MODES.items():
            servers[mode] = start_gunicorn(**environment)
        pages = {"article": demo, "article-500": long_thread, "front": "/"}
        bases = {mode: base for mode, (_, base) in servers.items()}
        sizes = {}
        for name, path in pages.items():
            body = capture(bases["cold"] + path)
            sizes[name] = len(body)
            (WORK / "floor" / f"{name}.html").write_bytes(b"{% raw %}" + body + b"{% endraw %}")
            if unsigned(capture(bases["cached"] + path)) != unsigned(body):
                raise SystemExit(f"{path}: the cached and the cold page differ")
            assert capture(f"{bases['cached']}/floor/{name}/") == body
        targets = {}
        for name, path in pages.items():
            for mode, base in bases.items():
                targets[f"{name} {mode}"] = (base + path, name)
            targets[f"{name} floor"] = (f"{bases['cached']}/floor/{name}/", name)
        for url, _ in targets.values():
            capture(url)  # warm: each worker fills its cache on its first requests
        results = {label: [] for label in targets}
        for round_number in range(1, options.rounds + 1):
            load = os.getloadavg()[0]
            print(
                f"round {round_number}/{options.rounds} (load average {load:.1f})", file=sys.stderr
            )
            for label, (url, _) in targets.items():
                results[label].append(wrk(url, options.duration))
                settle(*bases.values())
        load_report(results, targets, sizes, options)
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait(timeout=20)


def settle(*bases):
    """Wait for the requests wrk left queued, so the next page is measured on idle workers."""
    for base in bases:
        for _ in range(4):
            capture(base + "/robots.txt")
    time.sleep(1)


def load_report(results, targets, sizes, options):
    from django.db import connection

    from articles.models import Article
    from comments.models import Comment

    print(
        f"{connection.vendor}, {Article.objects.published().count()} live articles, "
        f"{Comment.objects.count()} comments; gunicorn 2 sync workers, DEBUG off; "
        f"wrk -t2 -c16, {options.rounds} rounds × {options.duration} s, interleaved; "
        "medians over rounds"
    )
    print(f"{'page':<22}{'KB':>6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'vs floor':>10}")
    for label, (_, page) in targets.items():
        rounds = results[label]
        rps = statistics.median(r["rps"] for r in rounds)
        floor = statistics.median(r["rps"] for r in results[f"{page} floor"])
        ratio = "" if label.endswith("floor") else f"{rps / floor:.3f}"
        print(
            f"{label:<22}{sizes[page] / 1000:>6.0f}{rps:>9.0f}"
            f"{statistics.median(r['p50'] for r in rounds):>9.2f}"
            f"{statistics.median(r['p99'] for r in rounds):>9.2f}{ratio:>10}"
        )
    print(
        "per round req/s: "
        + "; ".join(
            f"{label} " + "/".join(f"{r['rps']:.0f}" for r in results[label]) for label in targets
        )
    )


def build_pages(articles, comments):
    from articles.models import Article
    from comments.models import Comment

    busiest = add_articles(articles)[0]
    add_approved_comments(busiest, comments)
    # A morning's moderation queue, spread over the stories.
    Comment.objects.bulk_create(
        Comment(
            article_id=article_id,
            author_name=f"Reader {i}",
            body="Is there a source for this? " * 6,
            ip_hash=f"{i % 40:064x}",
        )
        for i, article_id in enumerate(Article.objects.values_list("pk", flat=True)[:200])
    )
    analyze()
    return busiest


def moderator_client():
    """A client signed in as a moderator, for the moderation queue."""
    from django.contrib.auth.models import Group, User
    from django.test import Client

    moderator, created = User.objects.get_or_create(username="bench-moderator", is_staff=True)
    if created:
        moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    return client


def measure(client, url, runs):
    from django.db import connection, reset_queries

    timings = []
    for _ in range(runs):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    queries = len(connection.queries)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def pages(options):
    from django.db import connection
    from django.test import Client

    from articles.models import Article
    from comments.models import Comment

    connection.force_debug_cursor = True  # record queries to count them
    if options.existing:
        # The liveliest recent thread: what readers open most.
        busiest = Article.objects.most_commented(days=7).first() or Article.objects.first()
        options.articles = Article.objects.count()
        options.comments = busiest.comments.approved().count()
    else:
        busiest = build_pages(options.articles, options.comments)
    client = Client()
    moderator = moderator_client()
    queue = "/admin/comments/comment/"
    pages = {
        "front page": "/",
        "front page, page 5": "/?page=5",
        "section page": "/section/world/",
        "tag page": f"/tag/{busiest.tags.first().slug}/",
        f"article page, {options.comments} comments": busiest.get_absolute_url(),
        "RSS feed": "/feed/",
        "search, a word every article has": "/search/?q=story",
    }
    desk = {
        "moderation queue, pending": queue,
        "moderation queue, pending, page 3": f"{queue}?p=3",
        "moderation queue, approved": f"{queue}?view=approved",
        "moderation queue, one article": f"{queue}?article={busiest.news_id}",
    }
    print(
        f"{connection.vendor}, {options.articles} articles, {Comment.objects.count()} comments "
        f"({Comment.objects.pending().count()} pending), {options.runs} runs each"
    )
    print(f"{'page':38} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for who, urls in ((client, pages), (moderator, desk)):
        for name, url in urls.items():
            median, p95, queries = measure(who, url, options.runs)
            print(f"{name:38} {median:10.1f} {p95:8.1f} {queries:8d}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")


def main():
    parser = argparse.ArgumentParser(description="Newsroom's benchmark (see the docstring).")
    modes = parser.add_subparsers(dest="mode", required=True)
    load_mode = modes.add_parser("load", help="gunicorn and wrk against the floor")
    load_mode.add_argument(
        "--scale", type=int, default=0, help="Add this many articles to the demo (load_scale)."
    )
    load_mode.add_argument(
        "--scale-comments", type=int, default=0, help="and this many comments (load_scale)."
    )
    load_mode.add_argument("--rounds", type=int, default=3)
    load_mode.add_argument("--duration", type=int, default=5, help="seconds per page per round")
    pages_mode = modes.add_parser("pages", help="each page's time in-process, nothing kept")
    pages_mode.add_argument("--articles", type=int, default=300)
    pages_mode.add_argument("--comments", type=int, default=500)
    pages_mode.add_argument("--runs", type=int, default=200)
    pages_mode.add_argument(
        "--existing", action="store_true", help="Measure the database as it is; build nothing."
    )
    wire_mode = modes.add_parser("wire", help="wire ingest and the wire queue, in-process")
    wire_mode.add_argument("--items", type=int, default=10_000)
    wire_mode.add_argument("--queue", type=int, default=100_000)
    wire_mode.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()

    if options.mode == "load" or "DATABASE_URL" not in os.environ:
        # A database of its own: the load test fills it, and never touches DATABASE_URL's.
        os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
    if options.mode == "load":
        os.environ.pop("REDIS_URL", None)  # each worker's own memory, as with SQLite
        os.environ["MEDIA_ROOT"] = str(WORK / "media")  # the demo's pictures
    os.environ.update(DEBUG="1", DJANGO_SETTINGS_MODULE="newsroom.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    try:
        if options.mode == "load":
            load(options)
        elif options.mode == "wire":
            from benchmark_wire import wire

            wire(options)
        else:
            from django.test.utils import override_settings

            dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
            with override_settings(CACHES=dummy):
                pages(options)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
