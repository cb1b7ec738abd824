"""Full-text search over articles: a weighted tsvector on PostgreSQL, FTS5 on SQLite.

The headline weighs most, then the standfirst and tags, then the body. The index is
derived data: `Article` refreshes it after each commit that changes an article or its
tags, and `manage.py rebuild_search_index` rebuilds it whole. What readers may find is
still decided by `Article.objects.published()`; the index only ranks.
"""

import re

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Subquery, Value, When
from django.utils.html import strip_tags

FTS_TABLE = "articles_search"
# FTS5's bm25() weights per column, in the table's column order; higher counts more.
FTS_WEIGHTS = (10.0, 5.0, 5.0, 1.0)
MAX_TERMS = 12


def terms(query):
    """The words of a reader's query, at most MAX_TERMS of them."""
    return re.findall(r"\w+", query)[:MAX_TERMS]


def _tag_text(article):
    # From the prefetched tags: tags.names() would ask the database again for each article.
    return " ".join(tag.name for tag in article.tags.all())


def _document(article):
    return article.headline, article.standfirst, _tag_text(article), strip_tags(article.body_html)


def _vector(tags):
    config = settings.NEWSROOM_SEARCH_CONFIG
    return (
        SearchVector("headline", weight="A", config=config)
        + SearchVector("standfirst", weight="B", config=config)
        + SearchVector(Value(tags), weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def refresh(Article, article_ids):
    """Bring the index up to date for these articles (gone ones are dropped).

    `Article` is the model, passed in: the model calls this module, not the other way round.
    """
    articles = Article.objects.filter(pk__in=article_ids).prefetch_related("tags")
    if connection.vendor == "postgresql":
        for article in articles:
            Article.objects.filter(pk=article.pk).update(search_vector=_vector(_tag_text(article)))
        return
    with connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(article_ids))
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", list(article_ids)
        )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, headline, standfirst, tags, body) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(article.pk, *_document(article)) for article in articles],
        )


def rebuild(Article):
    """Index every article of the model `Article` afresh; returns how many."""
    ids = list(Article.objects.values_list("pk", flat=True))
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
    for start in range(0, len(ids), 500):
        refresh(Article, ids[start : start + 500])
    return len(ids)


def matching(queryset, query):
    """`queryset` narrowed to articles matching `query`, best match first."""
    words = terms(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        search = SearchQuery(
            " ".join(words), search_type="websearch", config=settings.NEWSROOM_SEARCH_CONFIG
        )
        # Ranking is the cost of a search: a word every story has would rank them all.
        # The newest matches are found in publish order, and only those are ranked.
        newest = (
            queryset.filter(search_vector=search)
            .order_by("-publish_at")
            .values("pk")[: settings.NEWSROOM_SEARCH_RANKED]
        )
        return (
            queryset.filter(pk__in=Subquery(newest))
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-publish_at")
        )
    # Each word as a quoted prefix: "rate" finds "rates"; quoting keeps FTS5 syntax out.
    match = " ".join('"{}"*'.format(word.replace('"', '""')) for word in words)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"ORDER BY bm25({FTS_TABLE}, {', '.join(map(str, FTS_WEIGHTS))}) LIMIT %s",
            [match, settings.NEWSROOM_SEARCH_RANKED],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    if not ranked:
        return queryset.none()
    order = Case(*(When(pk=pk, then=Value(n)) for n, pk in enumerate(ranked)))
    return queryset.filter(pk__in=ranked).annotate(rank=order).order_by("rank")
