"""The anonymous page cache: public pages served from Django's cache, and their headers.

A view marked with `@public_page` is cached for readers who carry nothing personal (no
session, no pending message). A hit touches neither the database nor the session: it is
the stored bytes, headers and ETag, answered 304 when the reader's copy is current.

Every response of a public page says who may keep it: `public` with a short `max-age`,
an `s-maxage` for a CDN and `stale-while-revalidate`, or `private, no-store` for staff,
previews and anything personal. A response that sets a cookie (a CSRF token, a message)
is personal, and never stored. A view may ask for a shorter life with a `max-age` of its
own (the article page, until its comments close); the rest of the header is decided here.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
)

from pagecache import surrogates, versions

CACHEABLE_METHODS = {"GET", "HEAD"}
# Headers that belong to one exchange, not to the page.
NOT_STORED = {"set-cookie", "date", "expires", "vary"}


def is_anonymous_request(request):
    """Whether nothing about this request is personal to a reader or staff member."""
    cookies = request.COOKIES
    return (
        request.method in CACHEABLE_METHODS
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "public_page", False):
            response = self.finish_public_page(request, response)
        elif request.method not in CACHEABLE_METHODS and not response.has_header("Cache-Control"):
            # A form posted with mistakes comes back with the person's own text.
            add_never_cache_headers(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "public_page", False):
            return None
        request.public_page = True
        if not is_anonymous_request(request):
            return None
        request.page_cache_state = state = versions.site_state()
        stored = cache.get(page_key(request, state))
        # The cache's own expiry is only housekeeping: the page's end is checked here, in
        # the site's clock, to the second.
        if stored is None or stored["expires_at"] <= timezone.now().timestamp():
            request.page_cache_expiry = versions.page_expiry().timestamp()
            return None
        request.page_cache_hit = True
        response = HttpResponse(stored["content"], status=stored["status"])
        for header, value in stored["headers"]:
            response[header] = value
        return get_conditional_response(request, etag=response["ETag"], response=response)

    def finish_public_page(self, request, response):
        if getattr(request, "page_cache_hit", False):
            return response
        state = getattr(request, "page_cache_state", None)
        if state is None:
            # Staff, a preview, a reader with a message waiting.
            add_never_cache_headers(response)
            return response
        if not is_shareable(request, response):
            # The reader's own copy, with the reader's own token: theirs to keep, no one else's.
            del response["Cache-Control"]
            patch_cache_control(response, private=True)
            return response
        keep_for = mark_public(request, response, state)
        if response.status_code != 200 or response.streaming:
            return response
        response["ETag"] = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
        if request.method == "GET" and keep_for > 0:
            store(request, response, state, keep_for)
        return get_conditional_response(request, etag=response["ETag"], response=response)


def mark_public(request, response, state):
    """The headers of a page anyone may be given: how long each cache may keep it, and the
    keys the cache in front purges it by. Returns how long it may be kept, in seconds."""
    # Anonymous and shareable: the page is the same whoever asks, cookies or not.
    del response["Vary"]
    # Nobody downstream keeps it past a scheduled publication either, nor past the
    # moment the view asked for.
    now = timezone.now().timestamp()
    asked = get_max_age(response)
    if asked is not None:
        request.page_cache_expiry = min(request.page_cache_expiry, now + asked)
        del response["Cache-Control"]
    keep_for = max(0, int(request.page_cache_expiry - now))
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.NEWSROOM_CACHE_MAX_AGE, keep_for),
        s_maxage=min(settings.NEWSROOM_CACHE_S_MAXAGE, keep_for),
        stale_while_revalidate=settings.NEWSROOM_CACHE_STALE_WHILE_REVALIDATE,
    )
    if settings.NEWSROOM_HTTP_CACHE_PURGE_URL:
        if versions.site_state()["version"] != state["version"]:
            # Made while something changed: the change's purge may have passed the
            # cache in front before this page reaches it, so it must not keep it.
            patch_cache_control(response, s_maxage=0)
        else:
            # For the cache in front, which purges by them (pagecache/purge.py).
            response[surrogates.HEADER] = " ".join(surrogates.page_keys(request, response))
    return keep_for


def store(request, response, state, keep_for):
    """Keep the page for `keep_for` seconds under the state of the site it was made in."""
    stored = {
        "status": response.status_code,
        "headers": [
            (header, value)
            for header, value in response.items()
            if header.lower() not in NOT_STORED
        ],
        "content": response.content,
        "expires_at": request.page_cache_expiry,
    }
    cache.set(page_key(request, state), stored, keep_for)


def is_shareable(request, response):
    """Whether this response holds nothing of one reader's own."""
    return not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


def page_key(request, state):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"pagecache:page:{state['version']}:{versions.release()}:{digest}"
