"""Most read: reads of each article counted over the last hours, without knowing readers.

The article page carries a small script of the site's own (`static/js/read-count.js`)
that posts once to `count_read` after the page is shown, whether the page came from the
page cache or not: the cached page stays the same bytes for everyone and makes no query,
and the count costs one (whether the article is live).

The view that takes the post is in `readership/views.py`; the rail's list comes from the
`most_read` template tag (`readership/templatetags/readership.py`).

A read counts once per reader per article per `NEWSROOM_READ_ONCE_SECONDS`. The reader is
a keyed hash of their address and browser under a random key that is made each day and
forgotten after two: no cookie, no stored address, nothing to link two days. Known bots,
and staff, are not counted.

Counts live in Redis (a sorted set per hour) when `REDIS_URL` is set; otherwise in the
cache, one entry per hour, where each process keeps its own (as in development).
"""

import contextlib
import re
import secrets
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_redis import get_redis_connection
from redis.exceptions import RedisError

from articles.models import Article
from newsroom.readers import keyed_hash

HOUR = 3600
DAY = 24 * HOUR
# User agents that announce a robot, a link preview or a script rather than a reader.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|fetch|monitor|"
    r"headless|lighthouse|python|curl|wget|httpclient|java/|go-http|okhttp|^$",
    re.IGNORECASE,
)


def is_bot(user_agent):
    """Whether the user agent is a known robot (or says nothing at all)."""
    return bool(BOTS.search(user_agent or ""))


def day_key(now):
    """Today's random key for readers' hashes; kept two days, then gone for good."""
    name = f"readership:key:{now:%Y-%m-%d}"
    cache.add(name, secrets.token_hex(32), timeout=2 * DAY)
    # A cache that lost it (or keeps nothing): this read gets a key of its own, and
    # counts once more at worst.
    key = cache.get(name) or secrets.token_hex(32)
    return key.encode()


def reader_hash(*, address, user_agent, news_id, now):
    """One reader's read of one article in this counting window, as a keyed hash."""
    window = int(now.timestamp()) // settings.NEWSROOM_READ_ONCE_SECONDS
    return keyed_hash("read", f"{address}\n{user_agent}\n{news_id}\n{window}", key=day_key(now))


def hour_of(now):
    """The hour `now` falls in, as a number: the bucket its reads are counted in."""
    return int(now.timestamp()) // HOUR


def count(news_id, *, address, user_agent, now=None):
    """Count a read of the article `news_id`, once per reader per window; True if counted."""
    now = now or timezone.now()
    seen = f"readership:seen:{reader_hash(address=address, user_agent=user_agent, news_id=news_id, now=now)}"
    if not cache.add(seen, 1, timeout=settings.NEWSROOM_READ_ONCE_SECONDS):
        return False
    counts().add(hour_of(now), news_id)
    return True


def most_read_counts(limit, now=None):
    """(News ID, reads) of the most read over the last `NEWSROOM_MOST_READ_HOURS`, most first."""
    now = now or timezone.now()
    last = hour_of(now)
    hours = range(last - settings.NEWSROOM_MOST_READ_HOURS + 1, last + 1)
    return counts().top(hours, limit)


def most_read_ids(limit, now=None):
    """The News IDs most read over the last `NEWSROOM_MOST_READ_HOURS`, most first."""
    return [news_id for news_id, _ in most_read_counts(limit, now)]


def most_read(*, limit, exclude=None):
    """Live articles most read lately, most first: one query, whatever was counted."""
    ids = most_read_ids(limit + 1)
    if not ids:
        return []
    articles = {
        article.news_id: article
        for article in Article.objects.published()
        .filter(news_id__in=ids)
        .exclude(pk=exclude)
        .select_related("section")
        .defer("body", "body_html")
    }
    return [articles[news_id] for news_id in ids if news_id in articles][:limit]


class RedisCounts:
    """A sorted set per hour: News ID → reads; the last hours summed by Redis."""

    def __init__(self):
        self.redis = get_redis_connection("default")

    def key(self, hour):
        return cache.make_key(f"readership:hour:{hour}")

    # Redis away (stopped, out of reach): a read goes uncounted and the list is empty, as
    # with the cache's own errors; the page around it is still served.

    def add(self, hour, news_id):
        key = self.key(hour)
        pipe = self.redis.pipeline()
        pipe.zincrby(key, 1, str(news_id))
        pipe.expire(key, (settings.NEWSROOM_MOST_READ_HOURS + 1) * HOUR)
        with contextlib.suppress(RedisError):
            pipe.execute()

    def top(self, hours, limit):
        summed = cache.make_key(f"readership:top:{hours[-1]}:{secrets.token_hex(4)}")
        pipe = self.redis.pipeline()
        pipe.zunionstore(summed, [self.key(hour) for hour in hours])
        pipe.zrevrange(summed, 0, limit - 1, withscores=True)
        pipe.delete(summed)
        try:
            _, top, _ = pipe.execute()
        except RedisError:
            return []
        return [(int(news_id), int(reads)) for news_id, reads in top]


class CacheCounts:
    """One cache entry per hour holding News ID → reads (each process's own in memory).

    Read, add one, write back: two reads at the same instant may count once. Good enough
    for development and a single process; production counts in Redis.
    """

    def key(self, hour):
        return f"readership:hour:{hour}"

    def add(self, hour, news_id):
        key = self.key(hour)
        reads = cache.get(key) or Counter()
        reads[news_id] += 1
        cache.set(key, reads, timeout=(settings.NEWSROOM_MOST_READ_HOURS + 1) * HOUR)

    def top(self, hours, limit):
        summed = Counter()
        for reads in cache.get_many([self.key(hour) for hour in hours]).values():
            summed.update(reads)
        # Most reads first; the newest article (highest News ID) first among equals.
        return sorted(summed.items(), key=lambda pair: (-pair[1], -pair[0]))[:limit]


def counts():
    """Where reads are counted: Redis when the cache is on it, else the cache itself."""
    if settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
        return RedisCounts()
    return CacheCounts()
