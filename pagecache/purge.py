"""Purging the HTTP cache in front of the app servers by surrogate key.

Called from `versions` with every change, so the cache in front and the page cache behind
it end the same pages for the same reasons. A purge is sent once the change is committed
and the versions renewed: a page fetched again at once is rendered from the new rows.

Each cache named in `NEWSROOM_HTTP_CACHE_PURGE_URL` gets `PURGE` requests whose
`xkey-purge` header lists the keys (see surrogates.py and ops/varnish/newsroom.vcl). A
cache that does not answer is logged, not retried: its pages wait out their `s-maxage`.
The editor's change stands either way.
"""

import logging
from functools import partial
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction

from pagecache import surrogates

logger = logging.getLogger(__name__)

PURGE_HEADER = "xkey-purge"
# Keys per request: well inside Varnish's limit on a request header (8 KB).
KEYS_PER_REQUEST = 200


def articles_after_commit(ids):
    """Purge the pages these articles' change touches, once it is committed."""
    if settings.NEWSROOM_HTTP_CACHE_PURGE_URL and ids:
        transaction.on_commit(lambda: purge(surrogates.article_keys(ids)))


def site_after_commit():
    """Purge every page (they all show the frame), once the change is committed."""
    if settings.NEWSROOM_HTTP_CACHE_PURGE_URL:
        transaction.on_commit(partial(purge, [surrogates.SITE]))


def purge(keys):
    """Ask each cache in front to drop every page carrying any of `keys`."""
    for url in settings.NEWSROOM_HTTP_CACHE_PURGE_URL:
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            batch = " ".join(keys[start : start + KEYS_PER_REQUEST])
            request = Request(url, method="PURGE", headers={PURGE_HEADER: batch})
            try:
                with urlopen(request, timeout=settings.NEWSROOM_HTTP_CACHE_PURGE_TIMEOUT) as answer:
                    logger.info("Purged %s from %s (%s)", batch, url, answer.reason)
            except (URLError, OSError) as error:
                logger.error("Could not purge %s from %s: %s", batch, url, error)
