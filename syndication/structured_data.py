"""schema.org data for search engines and aggregators: one builder per page family.

Article pages carry a `NewsArticle`; the front, section, tag, author and archive pages a
`CollectionPage` whose `mainEntity` is the `ItemList` of the articles shown. Every value
comes from rows the page already loaded, so the data adds no query.

The JSON-LD goes into a `<script type="application/ld+json">` data block: browsers never
run it, so the strict Content-Security-Policy needs no exception (and no nonce, which a
cached page would hand to every reader alike).
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe

from newsroom.site import absolute_url
from syndication import share_cards

# What must not appear raw inside a <script> element, whatever the headline says.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# The publisher's logo: a wordmark within Google's 600 x 60 box.
LOGO = {"path": "img/logo.png", "width": 600, "height": 60}


def as_script(data):
    """The data as a JSON-LD script element, safe to place in the page as it is."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_ESCAPES)
    # Safe: the JSON's <, > and & are escaped above, so nothing in it can close the element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def iso(moment):
    """A time in the newsroom's time zone, with its offset."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def publisher():
    """The newsroom itself, with its logo."""
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(LOGO["path"])),
            "width": LOGO["width"],
            "height": LOGO["height"],
        },
    }


def authors(byline):
    """Each author in the byline, linked to their page; the newsroom when there is none."""
    people = [
        {"@type": "Person", "name": author.name, "url": absolute_url(author.get_absolute_url())}
        for author in byline
    ]
    return people or [publisher()]


def news_article(article, *, byline, tags, corrections):
    """The article page's `NewsArticle`, with each public correction note as `correction`
    (a `CorrectionComment`: its kind, text and date). The byline, tags and corrections are
    those the page read."""
    url = absolute_url(article.get_absolute_url())
    modified = article.revised_at if article.was_updated else article.publish_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": iso(article.publish_at),
        "dateModified": iso(modified),
        "author": authors(byline),
        "publisher": publisher(),
        "image": [
            absolute_url(share_cards.card_url(article, shape)) for shape in share_cards.SHAPES
        ],
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in tags],
        "isAccessibleForFree": True,
        "inLanguage": settings.NEWSROOM_LANGUAGE,
    }
    if corrections:
        data["correction"] = [correction.as_schema() for correction in corrections]
    return data


def collection_page(*, name, description, path, articles, first_position=1):
    """A list page: the page itself, and the articles it shows in order."""
    url = absolute_url(path)
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": name,
        "description": description,
        "isPartOf": {
            "@type": "WebSite",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": absolute_url("/"),
        },
        "publisher": publisher(),
        "mainEntity": {
            "@type": "ItemList",
            "itemListOrder": "https://schema.org/ItemListOrderDescending",
            "numberOfItems": len(articles),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": first_position + index,
                    "url": absolute_url(article.get_absolute_url()),
                    "name": article.headline,
                }
                for index, article in enumerate(articles)
            ],
        },
    }
