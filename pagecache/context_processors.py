"""What templates need to keep fragments of public pages in the cache (`{% cache %}`)."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from pagecache import versions


def fragments(request):
    """Versions to file fragments under, and `fragment_seconds` to keep them.

    `site_version` ends with any change readers would see: enough for the frame (section
    bar, footer). `fragment_version` also ends when a scheduled article goes live: for
    lists of articles. Lazy: a page served whole from the cache never asks.
    """
    return {
        "site_version": SimpleLazyObject(versions.frame_version),
        "fragment_version": SimpleLazyObject(lambda: versions.fragment_version(request)),
        "fragment_seconds": settings.NEWSROOM_PAGE_CACHE_SECONDS,
    }
