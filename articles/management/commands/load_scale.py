"""`manage.py load_scale`: fill the database with a large newsroom's worth of rows, fast.

    manage.py load_scale --articles 100000 --comments 1000000

Live articles across the sections and tags, and reader comments in every status with
their decision records, as years of a busy site would leave them. On PostgreSQL the
comments and decisions go in with COPY; elsewhere with bulk inserts. For measuring
(docs/benchmark.py), never for a live site's database: it adds, it never cleans up.
"""

import random
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles import search
from articles.body import render_body
from articles.models import Article, NewsIdCounter, Section
from comments.models import Comment, Decision
from comments.privacy import address_hash, email_hash

SECTIONS = ["World", "Business", "Politics", "Science", "Sport", "Culture"]
TAGS = 300
BATCH = 20_000
# How a busy site's comments end up: most approved, some waiting, the rest refused.
STATUS_WEIGHTS = {"approved": 75, "pending": 10, "rejected": 10, "spam": 5}
COMMENT_TEXTS = [
    "The figures in the third paragraph do not match what the ministry published last week.",
    "A fair summary, though it leaves out what the opposition said on Tuesday.",
    "I live near there and the roads have been closed since the morning.",
    "Good to see this reported properly. Most coverage missed the point entirely.",
    "Is there a source for the claim about the budget? I could not find it.",
    "Three years ago the same promise was made and nothing changed.",
]
REASONS = [
    [
        {
            "rule": "first_comment",
            "verdict": "hold",
            "reason": "first comment from this email",
            "matched": "",
        }
    ],
    [{"rule": "links", "verdict": "hold", "reason": "3 links", "matched": "https://example.com"}],
    [],
]


class Command(BaseCommand):
    help = "Fill the database in bulk with live articles and comments in every status."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--comments", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument(
            "--skip-search-index",
            action="store_true",
            help="Leave the new articles out of the search index (faster).",
        )

    def handle(self, *args, articles, comments, seed, skip_search_index, **options):
        if articles < 1 or comments < 0:
            raise CommandError("Give at least one article and no negative number of comments.")
        self.random = random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        started = time.perf_counter()
        moderators = self.moderators()
        article_rows = self.load_articles(articles)
        self.say(f"{articles} articles", started)
        if not skip_search_index:
            self.index_for_search(article_rows)
            self.say("search index", started)
        self.load_comments(comments, article_rows, moderators)
        self.say(f"{comments} comments with their decisions", started)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # What autovacuum would do on a live database before long: statistics, and
                # the visibility map that lets counts read the index alone.
                # VACUUM cannot run inside a transaction (a caller's atomic block, a test).
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
            else:
                # SQLite keeps no statistics unless asked: without them it finds related
                # stories by walking every live article (0.4 s a page at 100,000).
                cursor.execute("ANALYZE")
        self.say("done", started)

    def say(self, what, started):
        self.stdout.write(f"{time.perf_counter() - started:8.1f} s  {what}")

    def moderators(self):
        group = Group.objects.get(name="Moderators")
        users = []
        for n in range(1, 4):
            user, created = get_user_model().objects.get_or_create(
                username=f"scale-moderator-{n}", defaults={"is_staff": True}
            )
            if created:
                user.set_unusable_password()
                user.save()
                user.groups.add(group)
            users.append(user.pk)
        return users

    def load_articles(self, count):
        """Live articles, newest first in time; returns (id, publish_at) for each."""
        sections, tag_ids = self.sections_and_tags()
        body = "\n\n".join(
            ["A paragraph of reporting on what happened and why it matters. " * 6] * 6
        )
        body_html = render_body(body, dateline="ANKARA", source="Reuters")
        first = (
            Article.objects.aggregate(top=Max("news_id"))["top"]
            or settings.NEWSROOM_FIRST_NEWS_ID - 1
        ) + 1
        article_type = ContentType.objects.get_for_model(Article)
        rows = []
        for start in range(0, count, BATCH):
            batch = []
            for n in range(start, min(start + BATCH, count)):
                news_id = first + n
                # Three years of stories, a few minutes apart.
                publish_at = self.now - timedelta(minutes=(count - n) * 15)
                batch.append(
                    Article(
                        news_id=news_id,
                        headline=f"Scale story {news_id}: ministers meet over the budget",
                        slug=f"scale-story-{news_id}",
                        standfirst="What happened, in one sentence, for the front page.",
                        dateline="ANKARA",
                        source="Reuters",
                        body=body,
                        body_html=body_html,
                        section=sections[n % len(sections)],
                        status=Article.Status.PUBLISHED,
                        publish_at=publish_at,
                    )
                )
            with transaction.atomic():
                created = Article.objects.bulk_create(batch)
                TaggedItem.objects.bulk_create(
                    TaggedItem(tag_id=tag_id, content_type=article_type, object_id=article.pk)
                    for article in created
                    for tag_id in self.two_tags(article.news_id, tag_ids)
                )
            rows.extend((article.pk, article.news_id, article.publish_at) for article in created)
        counter, _ = NewsIdCounter.objects.get_or_create(pk=1, defaults={"last": first + count - 1})
        counter.last = max(counter.last, first + count - 1)
        counter.save(update_fields=["last"])
        return rows

    @staticmethod
    def sections_and_tags():
        """The sections and the topic tags the articles are spread over, made once."""
        sections = [
            Section.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "order": position}
            )[0]
            for position, name in enumerate(SECTIONS)
        ]
        existing_tags = set(Tag.objects.values_list("slug", flat=True))
        Tag.objects.bulk_create(
            [
                Tag(name=f"Topic {n}", slug=f"topic-{n}")
                for n in range(TAGS)
                if f"topic-{n}" not in existing_tags
            ]
        )
        tag_ids = sorted(Tag.objects.filter(slug__startswith="topic-").values_list("pk", flat=True))
        return sections, tag_ids

    @staticmethod
    def two_tags(number, tag_ids):
        """Two neighbouring tags for the article with this number, spread over all of them."""
        return tag_ids[number % len(tag_ids)], tag_ids[(number + 1) % len(tag_ids)]

    def index_for_search(self, article_rows):
        """Index the new articles: on PostgreSQL one UPDATE per pair of tags, not per article."""
        if connection.vendor != "postgresql":
            search.rebuild(Article)
            return
        names = dict(Tag.objects.values_list("pk", "name"))
        tag_ids = sorted(Tag.objects.filter(slug__startswith="topic-").values_list("pk", flat=True))
        alike = {}
        for article_pk, news_id, _ in article_rows:
            alike.setdefault(self.two_tags(news_id, tag_ids), []).append(article_pk)
        for pair, ids in alike.items():
            text = " ".join(names[tag_id] for tag_id in pair)
            # The same weighted vector Article's own refresh writes, for many rows at once.
            Article.objects.filter(pk__in=ids).update(search_vector=search._vector(text))

    def load_comments(self, count, article_rows, moderators):
        """Comments in every status with their decision rows, skewed to the busiest stories."""
        commenters = [
            (email_hash(f"reader{n}@example.com"), f"reader{n}@example.com") for n in range(20_000)
        ]
        addresses = [
            address_hash(f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}") for n in range(30_000)
        ]
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        next_id = (Comment.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        rng = self.random
        for start in range(0, count, BATCH):
            comments, decisions = [], []
            size = min(BATCH, count - start)
            picks = rng.choices(statuses, weights, k=size)
            for offset, status in enumerate(picks):
                comment, decision = self.comment_row(
                    next_id + start + offset,
                    status,
                    article_rows,
                    commenters,
                    addresses,
                    moderators,
                )
                comments.append(comment)
                if decision is not None:
                    decisions.append(decision)
            with transaction.atomic():
                self.insert_comments(comments)
                self.insert_decisions(decisions)
        if connection.vendor == "postgresql" and count:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('comments_comment', 'id'), "
                    "(SELECT MAX(id) FROM comments_comment))"
                )

    def comment_row(self, pk, status, article_rows, commenters, addresses, moderators):
        """One comment's row, and its decision's when it was decided (else None)."""
        rng = self.random
        # Newer stories draw most comments: the square skews towards the end.
        article_pk, _, publish_at = article_rows[
            int(len(article_rows) * (1 - rng.random() ** 2)) - 1
        ]
        commenter = rng.randrange(len(commenters))
        if status == "pending":
            created_at = self.now - timedelta(minutes=rng.randrange(1, 3 * 24 * 60))
        else:
            created_at = publish_at + timedelta(minutes=rng.randrange(5, 3000))
            if created_at >= self.now:
                # Today's stories: comments spread over the last day, not all "now".
                created_at = self.now - timedelta(seconds=rng.randrange(60, 86_400))
        comment = (
            pk,
            article_pk,
            f"Reader {commenter}",
            commenters[commenter][1],
            commenters[commenter][0],
            COMMENT_TEXTS[pk % len(COMMENT_TEXTS)],
            created_at,
            status,
            0 if status == "pending" else 1,
            rng.choice(REASONS),
            addresses[commenter % len(addresses)],
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
        )
        if status == "pending":
            return comment, None
        moderator = rng.choice(moderators)
        decided_at = created_at + timedelta(minutes=rng.randrange(1, 240))
        return comment, (pk, "pending", status, moderator, decided_at, "")

    COMMENT_COLUMNS = [
        "id",
        "article_id",
        "author_name",
        "email",
        "email_hash",
        "body",
        "created_at",
        "status",
        "version",
        "held_reasons",
        "ip_hash",
        "user_agent",
    ]
    DECISION_COLUMNS = [
        "comment_id",
        "from_status",
        "to_status",
        "moderator_id",
        "decided_at",
        "reason",
    ]

    def insert_comments(self, rows):
        if connection.vendor == "postgresql":
            import json

            # COPY fills no defaults of Django's: no reports yet, no mail asked for.
            columns = [*self.COMMENT_COLUMNS, "report_count", "notify"]
            self.copy(
                "comments_comment",
                columns,
                ((*row[:9], json.dumps(row[9]), *row[10:], 0, False) for row in rows),
            )
            # Rows copied past the ORM: count them for readers as a bulk insert does.
            Comment.objects.count_for_readers({row[1] for row in rows})
            return
        Comment.objects.bulk_create(
            (Comment(**dict(zip(self.COMMENT_COLUMNS, row, strict=True))) for row in rows),
            batch_size=2000,
        )

    def insert_decisions(self, rows):
        if connection.vendor == "postgresql":
            self.copy(
                "comments_decision",
                [*self.DECISION_COLUMNS, "kind"],
                ((*row, Decision.Kind.STATUS) for row in rows),
            )
            return
        Decision.objects.bulk_create(
            (Decision(**dict(zip(self.DECISION_COLUMNS, row, strict=True))) for row in rows),
            batch_size=2000,
        )

    def copy(self, table, columns, rows):
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        sql = f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"
        # psycopg's COPY, through the cursor Django wraps: the fastest way in.
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
