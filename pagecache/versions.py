"""What the public page cache's pages are filed under: the one home of its invalidation.

Every cached public page is filed under the current *site version* and this server's
release. Whatever changes what readers see ends every kept page through one function:

    pages_changed(article_ids=[...])   # these articles, their comments, tags or byline
    pages_changed()                    # anything else: sections, tags, authors, images

It is called by `receivers.py`, which listens to the apps' own signals and to saves; no
app calls it. It takes effect at once and again after the surrounding transaction
commits, so neither this process (which reads its own writes) nor another one (which may
render from the old rows until the commit) can leave a stale page behind. Every page
ends, not only the named articles': lists, the rail and related stories show headlines
and comment counts of other articles. The named articles are for whatever else must
forget them (a purge downstream, say).

A deploy changes pages too: each release links to static files of its own (hashed
names). Pages are filed under `release()` as well as the version, so a new release never
serves what an old one made, while the version itself is shared: a write on a server of
either release still ends the pages of both.

Time changes what readers see too, with no write: each page is kept no later than the
next scheduled article's publish time and midnight (the masthead's date), so a scheduled
article appears on time with no job to run.
"""

import functools
import logging
import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from pagecache import purge

logger = logging.getLogger(__name__)

SITE_KEY = "pagecache:site"
NEXT_CHANGE_KEY = "pagecache:next-change"

# Set when this process found the cache unable to keep the site version; cleared once a
# new version is kept. Per process on purpose: every server that saw the outage ends the
# kept pages when it is over, whichever of them made a change meanwhile.
outage = {"seen": False}


@functools.cache
def release():
    """This server's release as its pages show it: the hash of the collected static files'
    manifest (production), or "" where static files are served as they are (development)."""
    return getattr(staticfiles_storage, "manifest_hash", "") or ""


def pages_changed(article_ids=()):
    """What readers see changed (of these articles, if named): every kept page is out of
    date from now on, and again once the surrounding transaction commits; the HTTP cache
    in front (if any) drops the pages carrying the named articles' keys, or every page,
    once committed."""
    renew_site_version()
    transaction.on_commit(renew_site_version)
    ids = [pk for pk in article_ids if pk is not None]
    if ids:
        purge.articles_after_commit(ids)
    else:
        purge.site_after_commit()


def renew_site_version():
    cache.set(SITE_KEY, new_state(), timeout=None)
    note_whether_kept()


def site_state():
    """The current site version: a dict with `version` and `changed_at` (a timestamp)."""
    if outage["seen"]:
        end_everything_kept()
    state = cache.get(SITE_KEY)
    if state is None:
        # Another process may set it first; a cache that evicted it (or keeps nothing)
        # still gets a version, one no page was filed under.
        state = new_state()
        if not cache.add(SITE_KEY, state, timeout=None):
            state = cache.get(SITE_KEY) or state
        note_whether_kept()
    return state


def end_everything_kept():
    """The cache is back after an outage: a change made meanwhile renewed nothing, so every
    page kept before it is ended with a new site version."""
    cache.set(SITE_KEY, new_state(), timeout=None)
    outage["seen"] = cache.get(SITE_KEY) is None
    if not outage["seen"]:
        logger.warning("The cache is back: every page kept before it went away is ended.")


def note_whether_kept():
    """Read the site version back: a cache that kept nothing is away (its errors are
    ignored). Another process's newer version is no outage."""
    if cache.get(SITE_KEY) is None and not outage["seen"]:
        # Once per outage and process: the cache's own errors are ignored, not logged.
        logger.warning("The cache keeps nothing (Redis away?): pages are made uncached.")
        outage["seen"] = True


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
    midnight = timezone.make_aware(
        datetime.combine(timezone.localdate(now) + timedelta(days=1), time.min)
    )
    next_publish = (
        Article.objects.scheduled().order_by("publish_at").values_list("publish_at", flat=True)
    ).first()
    at = min(midnight, next_publish) if next_publish else midnight
    cache.set(NEXT_CHANGE_KEY, {"version": version, "at": at}, timeout=None)
    return at


def new_state():
    # Random, never a counter: a version lost from the cache is never handed out again.
    return {"version": uuid.uuid4().hex, "changed_at": timezone.now().timestamp()}
