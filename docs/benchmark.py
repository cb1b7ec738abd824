"""Time the public pages in-process against a throwaway database.

    DEBUG=1 .venv/bin/python docs/benchmark.py [--articles 300] [--comments 500] [--runs 200]
    DEBUG=1 DATABASE_URL=postgres://.../newsroom_mod_scale .venv/bin/python docs/benchmark.py --existing

Builds its own SQLite database in a temporary folder (or uses DATABASE_URL's server with
a `_bench` suffix), fills it with articles, approved comments and a moderation queue,
then requests each page through Django's test client and prints the median and 95th
percentile time, the number of queries and the peak memory of the process. With
`--existing` it builds nothing and measures the database as it is, for instance one
filled by `manage.py load_scale`. The moderation queue is requested as a moderator.
Figures are recorded in docs/performance.md.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402


def build(articles, comments):
    from articles.models import Article, Section
    from comments.models import Comment

    call_command("migrate", verbosity=0)
    sections = [
        Section.objects.get_or_create(slug=slug, defaults={"name": slug.title(), "order": i})[0]
        for i, slug in enumerate(["world", "business", "science"])
    ]
    now = timezone.now()
    for n in range(articles):
        article = Article.objects.create(
            headline=f"Benchmark story {n}",
            slug=f"benchmark-story-{n}",
            standfirst="A sentence that sums up the story for the front page.",
            dateline="ANKARA",
            source="Reuters",
            body="\n\n".join(["A paragraph of reporting. " * 12] * 8),
            section=sections[n % 3],
            status="published",
            publish_at=now - timedelta(minutes=n),
        )
        article.tags.add("economy", f"topic-{n % 10}")
    busiest = Article.objects.order_by("-publish_at").first()
    Comment.objects.bulk_create(
        Comment(
            article=busiest,
            author_name=f"Reader {i}",
            body="A considered reply. " * 10,
            status="approved",
        )
        for i in range(comments)
    )
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
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would on a live database
    return busiest


def moderator_client():
    """A client signed in as a moderator, for the moderation queue."""
    from django.contrib.auth.models import Group, User

    moderator, created = User.objects.get_or_create(username="bench-moderator", is_staff=True)
    if created:
        moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    return client


def measure(client, url, runs):
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--comments", type=int, default=500)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--existing", action="store_true", help="Measure the database as it is; build nothing."
    )
    options = parser.parse_args()

    from articles.models import Article
    from comments.models import Comment

    connection.force_debug_cursor = True  # record queries to count them
    if options.existing:
        busiest = Article.objects.published().first()
        options.articles = Article.objects.count()
        options.comments = busiest.comments.approved().count()
    else:
        busiest = build(options.articles, options.comments)
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


if __name__ == "__main__":
    main()
