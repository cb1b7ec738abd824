"""What the public page cache holds is valid for: the one home of its invalidation.

Every cached public page is filed under the current *site version*; every cached fragment
of an article page (its approved comments, say) under that article's *article version*.
A write that changes what readers see calls, once its rows are written:

    article_changed(*article_ids)   # an article, its comments, its tags or byline
    site_changed()                  # anything else readers see: sections, tags, authors

Both take effect at once and again after the surrounding transaction commits, so neither
this process (which reads its own writes) nor another one (which may render from the old
rows until the commit) can leave a stale page behind. An article change also moves the
site version, because lists and the article rail show headlines and comment counts.

A deploy changes pages too: each release links to static files of its own (hashed
names). Pages and fragments are filed under `release()` as well as the versions, so a
new release never serves what an old one made, while the versions themselves are shared:
a write on a server of either release still ends the pages of both.

Time changes what readers see too, with no write: each page is kept no later than the
next scheduled article's publish time and midnight (the masthead's date), so a scheduled
article appears on time with no job to run.
"""

import functools
import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from pagecache import purge

SITE_KEY = "pagecache:site"
ARTICLE_KEY = "pagecache:article:{}"
NEXT_CHANGE_KEY = "pagecache:next-change"


@functools.cache
def release():
    """This server's release as its pages show it: the hash of the collected static files'
    manifest (production), or "" where static files are served as they are (development)."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    return getattr(staticfiles_storage, "manifest_hash", "") or ""


def site_changed():
    """Readers' pages changed: every cached page is out of date from now on."""
    _renew_site()
    transaction.on_commit(_renew_site)
    purge.site_after_commit()


def article_changed(*article_ids):
    """These articles (or their comments) changed: their fragments and every page are out of date."""
    ids = [pk for pk in article_ids if pk is not None]
    _renew_articles(ids)
    transaction.on_commit(lambda: _renew_articles(ids))
    purge.articles_after_commit(ids)


def site_state():
    """The current site version: a dict with `version` and `changed_at` (a timestamp)."""
    state = cache.get(SITE_KEY)
    if state is None:
        # Another process may set it first; a cache that evicted it (or keeps nothing)
        # still gets a version, one no page was filed under.
        state = _new_state()
        if not cache.add(SITE_KEY, state, timeout=None):
            state = cache.get(SITE_KEY) or state
    return state


def article_version(article_id):
    """The version of one article's fragments."""
    key = ARTICLE_KEY.format(article_id)
    version = cache.get(key)
    if version is None:
        version = _new_version()
        if not cache.add(key, version, timeout=None):
            version = cache.get(key) or version
    return version


def page_expiry():
    """When a page rendered from now must be forgotten: after the setting's lifetime, or at
    `next_timed_change()`, whichever comes first. Asked before rendering, so that a
    publish time passing during the render still ends the page."""
    lifetime = timezone.now() + timedelta(seconds=settings.NEWSROOM_PAGE_CACHE_SECONDS)
    return min(lifetime, next_timed_change())


def next_timed_change():
    """The next moment time alone changes what readers see: the next scheduled article's
    publish time, or midnight (the masthead's date), whichever comes first.

    Kept under the site version: scheduling or moving an article is a write that renews
    it, and the kept moment is good only until it comes.
    """
    now = timezone.now()
    version = site_state()["version"]
    kept = cache.get(NEXT_CHANGE_KEY)
    if kept is not None and kept["version"] == version and kept["at"] > now:
        return kept["at"]
    at = _next_timed_change(now)
    cache.set(NEXT_CHANGE_KEY, {"version": version, "at": at}, timeout=None)
    return at


def _next_timed_change(now):
    from articles.models import Article

    midnight = timezone.make_aware(
        datetime.combine(timezone.localdate(now) + timedelta(days=1), time.min)
    )
    next_publish = (
        Article.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True)
    ).first()
    return min(midnight, next_publish) if next_publish else midnight


def frame_version():
    """What the frame's fragments (head links, masthead, section bar, footer) are filed
    under: the site version, in this release."""
    return f"{site_state()['version']}-{release()}"


def section_version(article_id):
    """What an article's comment section is filed under: its article version, in this release."""
    return f"{article_version(article_id)}-{release()}"


def fragment_version(request=None):
    """What a cached fragment of a public page is filed under: the site version and the
    next timed change, so it ends with any change and when a scheduled article goes live,
    in this release.
    The page cache has already looked up the next timed change for a request it renders;
    the version is looked up once per request."""
    version = getattr(request, "fragment_version", None)
    if version is None:
        until = getattr(request, "page_cache_next_change", None)
        if until is None:
            until = next_timed_change().timestamp()
        version = f"{site_state()['version']}-{int(until)}-{release()}"
        if request is not None:
            request.fragment_version = version
    return version


def kept(name, make, request=None):
    """`make()`, kept in the cache as a page's fragments are (under `fragment_version`):
    made again only after a change readers would see or when a scheduled article goes
    live. Nothing is kept when `make` raises (a 404, say)."""
    key = f"pagecache:kept:{name}:{fragment_version(request)}"
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, settings.NEWSROOM_PAGE_CACHE_SECONDS)
    return value


def _renew_articles(ids):
    cache.set_many({ARTICLE_KEY.format(pk): _new_version() for pk in ids}, timeout=None)
    _renew_site()


def _renew_site():
    cache.set(SITE_KEY, _new_state(), timeout=None)


def _new_state():
    return {"version": _new_version(), "changed_at": timezone.now().timestamp()}


def _new_version():
    # Random, never a counter: a version lost from the cache is never handed out again.
    return uuid.uuid4().hex
