"""The wire desk's figures, for `docs/benchmark.py wire` (see its docstring).

1. Ingest: a drop folder of `--items` agency files (one story each, in turn ninjs 1.x, 2.x,
   3.x, NewsML-G2 and RSS, made from the test fixtures) read by one `ingest.run`: time and
   the process's peak memory.
2. The same folder again, nothing new: time, and the statements that wrote anything.
3. The wire queue at `--queue` items (the rest added in bulk): median and 95th percentile
   time of each view in-process, and its queries.
"""

import resource
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "wire" / "fixtures"
URI = "tag:reuters.com,2025:newsml_L8N3O20XY"
TEMPLATES = [
    "story.ninjs1.json",
    "story.ninjs2.json",
    "story.ninjs3.json",
    "story.newsitem.xml",
    "story.rss.xml",
]
HEADLINE = "Turkey will not turn back from tight policy"


def fill_folder(folder, count):
    """`count` files, each its own story: the fixtures with a number of their own."""
    templates = [(name, (FIXTURES / name).read_text()) for name in TEMPLATES]
    for n in range(count):
        name, text = templates[n % len(templates)]
        text = text.replace(URI, f"tag:reuters.com,2025:bench-{n}")
        text = text.replace(HEADLINE, f"Story {n}: {HEADLINE}")
        (folder / f"{n:06d}-{name}").write_text(text)


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def add_queue_items(provider, total):
    """Bring the queue to `total` items in bulk, a minute apart, in every state."""
    from django.utils import timezone

    from wire.models import WireItem

    start = WireItem.objects.count()
    now = timezone.now()
    batch = []
    for n in range(start, total):
        batch.append(
            WireItem(
                provider=provider,
                uri=f"tag:reuters.com,2025:queue-{n}",
                headline=f"Queue story {n}: markets steady as the lira holds",
                slugline=f"MARKETS-{n % 97}/",
                located=["Ankara", "Istanbul", "Athens"][n % 3],
                urgency=n % 9 + 1,
                received_at=now - timedelta(minutes=n),
                embargoed_until=now + timedelta(days=1) if n % 50 == 0 else None,
                killed_at=now if n % 101 == 0 else None,
            )
        )
        if len(batch) == 5000:
            WireItem.objects.bulk_create(batch)
            batch = []
    WireItem.objects.bulk_create(batch)


def editor_client():
    from django.contrib.auth.models import Group, User
    from django.test import Client

    editor = User.objects.create_user("bench-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    return client


def time_view(client, url, runs):
    from django.db import connection, reset_queries

    timings = []
    for _ in range(runs):
        reset_queries()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return (
        statistics.median(timings),
        timings[int(len(timings) * 0.95) - 1],
        len(connection.queries),
    )


def wire(options):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Section
    from wire import ingest
    from wire.models import Provider, WireItem, WireVersion

    call_command("migrate", verbosity=0)
    Section.objects.get_or_create(slug="world", defaults={"name": "World"})
    folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-wire-"))
    fill_folder(folder, options.items)
    provider = Provider.objects.create(
        name="Reuters", slug="reuters", location=str(folder), credit="Reuters"
    )
    print(f"{connection.vendor}: {options.items} files in a drop folder")

    before = peak_mib()
    started = time.perf_counter()
    tally = ingest.run(provider)
    took = time.perf_counter() - started
    print(f"first run:  {took:6.1f} s  {tally.summary()}")
    print(f"            peak memory (max RSS) {peak_mib():.0f} MiB (before the run: {before:.0f})")
    print(f"            {WireItem.objects.count()} items, {WireVersion.objects.count()} versions")

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        tally = ingest.run(provider)
        took = time.perf_counter() - started
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    print(f"second run: {took:6.1f} s  {tally.summary()}; {len(writes)} writing statements")

    add_queue_items(provider, options.queue)
    # Table statistics, as PostgreSQL's autovacuum keeps them (and `PRAGMA optimize` on SQLite).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = editor_client()
    queue = "/admin/wire/wireitem/"
    views = {
        "queue, newest first": queue,
        "queue, page 20": f"{queue}?p=20",
        "queue, state new": f"{queue}?state=new",
        "queue, state embargoed": f"{queue}?state=embargoed",
        "queue, one provider": f"{queue}?provider__id__exact={provider.pk}",
        "queue, search 'lira'": f"{queue}?q=lira",
    }
    print(f"the wire queue at {WireItem.objects.count()} items, {options.runs} runs each")
    print(f"{'view':28} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    connection.force_debug_cursor = True
    for name, url in views.items():
        median, p95, count = time_view(client, url, options.runs)
        print(f"{name:28} {median:10.1f} {p95:8.1f} {count:8d}")
