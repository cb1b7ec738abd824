"""Surrogate keys: what each public page shows, named, so that an HTTP cache in front of
the app servers (Varnish with xkey) purges exactly the pages a change touches.

A public page carries, in its `xkey` header (which the cache keeps and readers never see):

- `site`: every page shows the frame (the section bar, the masthead);
- what the page is: `article-<news_id>`, `front`, `section-<slug>`, `tag-<slug>`,
  `author-<slug>`, `feeds`, `sitemap`, `archive` or `corrections`;
- `article-<news_id>` of every article it links to (list cards, the rail, feed entries),
  so that no page keeps an old headline or comment count of an article that changed.

A change to articles purges their own keys (so every page showing them) and the lists
they may have joined: `front`, their section, tags and authors, `feeds`, `sitemap`,
`archive` and `corrections`. A change to the frame (a section renamed) purges `site`.
"""

import functools
import re
from urllib.parse import quote

from django.apps import apps
from django.urls import reverse

HEADER = "xkey"
SITE = "site"
# The lists an article may join or leave with any change to it.
ARTICLE_LISTS = ["front", "feeds", "sitemap", "archive", "corrections"]
# A page linking to more articles than this (a sitemap) is purged by its own key alone:
# every change to an article purges it anyway, and the header stays short.
MOST_LINKED_ARTICLES = 200

# What each public page is, by its URL's name: a key's kind, and the URL's part naming it.
FRONT, FEEDS, ARCHIVE = ("front", None), ("feeds", None), ("archive", None)
ARTICLE, SECTION = ("article", "news_id"), ("section", "slug")
TAG, AUTHOR = ("tag", "slug"), ("author", "slug")
CORRECTIONS, SITEMAP = ("corrections", None), ("sitemap", None)
PAGE_KEYS = {
    "articles:front": [FRONT],
    "articles:detail": [ARTICLE],
    "articles:detail_short": [ARTICLE],
    "articles:section": [SECTION],
    "articles:tag": [TAG],
    "articles:author": [AUTHOR],
    "syndication:feed": [FEEDS],
    "syndication:feed_atom": [FEEDS],
    "syndication:section_feed": [FEEDS, SECTION],
    "syndication:section_feed_atom": [FEEDS, SECTION],
    "syndication:tag_feed": [FEEDS, TAG],
    "syndication:tag_feed_atom": [FEEDS, TAG],
    "syndication:author_feed": [FEEDS, AUTHOR],
    "syndication:author_feed_atom": [FEEDS, AUTHOR],
    "articles:archive": [ARCHIVE],
    "articles:archive_year": [ARCHIVE],
    "articles:archive_month": [ARCHIVE],
    "articles:archive_day": [ARCHIVE],
    "articles:corrections": [CORRECTIONS],
    "syndication:corrections_feed": [FEEDS, CORRECTIONS],
    "syndication:sitemap": [SITEMAP],
    "syndication:sitemap_section": [SITEMAP],
    "syndication:news_sitemap": [SITEMAP],
}


def key(kind, name):
    """One key: a slug from a URL may hold anything, and a key no space or comma."""
    return f"{kind}-{quote(str(name), safe='')}"


@functools.cache
def article_link():
    """Where a page links to an article: its address, with any host before it."""
    example = reverse("articles:detail_short", kwargs={"news_id": 10001})
    return re.compile(re.escape(example).replace("10001", r"(\d+)"))


def page_keys(request, response):
    """The keys of a public page, from its URL, its links and what its view added
    (`request.surrogate_keys`)."""
    keys = {SITE, *getattr(request, "surrogate_keys", ())}
    match = request.resolver_match
    if match is not None:
        for kind, part in PAGE_KEYS.get(match.view_name, ()):
            keys.add(kind if part is None else key(kind, match.kwargs[part]))
    if not response.streaming:
        linked = set(article_link().findall(response.content.decode(errors="replace")))
        if len(linked) <= MOST_LINKED_ARTICLES:
            keys.update(key("article", news_id) for news_id in linked)
    return sorted(keys)


def article_keys(ids):
    """The keys a change to these articles (by primary key) touches, as they are now."""
    ids = set(ids)
    # By name: the articles app's models import this app's modules while they load.
    found = apps.get_model("articles", "Article").objects.filter(pk__in=ids)
    rows = list(found.values_list("pk", "news_id", "section__slug"))
    if len(rows) < len(ids):
        # Deleted: the pages showing it cannot be named any more.
        return [SITE]
    keys = {*ARTICLE_LISTS}
    for _, news_id, section in rows:
        if news_id is not None:
            keys.add(key("article", news_id))
        keys.add(key("section", section))
    keys.update(key("tag", slug) for slug in found.values_list("tags__slug", flat=True) if slug)
    keys.update(
        key("author", slug) for slug in found.values_list("byline__slug", flat=True) if slug
    )
    return sorted(keys)
