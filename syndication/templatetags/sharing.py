"""What a page tells search engines, aggregators and social networks about itself:
absolute addresses, structured data, share pictures and share links."""

import mimetypes
from urllib.parse import quote, urlencode

from django import template

from newsroom.site import absolute_url
from syndication import feeds, share_cards, structured_data

register = template.Library()


@register.filter
def absolute(path):
    """`path` on the site's own address (`NEWSROOM_SITE_URL`)."""
    return absolute_url(str(path))


@register.simple_tag
def feed_alternates(subject):
    """The `<link rel="alternate">` feeds of a section, tag or author page (`subject`)."""
    return feeds.alternates_of(subject)


@register.simple_tag
def news_article_data(article, byline, tags, corrections):
    """The article's `NewsArticle` JSON-LD, as a script element."""
    data = structured_data.news_article(article, byline=byline, tags=tags, corrections=corrections)
    return structured_data.as_script(data)


@register.simple_tag(takes_context=True)
def collection_page_data(context, name, description=""):
    """The list page's `CollectionPage` JSON-LD, listing the articles on this page."""
    request = context["request"]
    page = context.get("page_obj")
    articles = list(context.get("articles") or [])
    path = request.path
    if page is not None and page.number > 1:
        path = f"{path}?page={page.number}"
    return structured_data.as_script(
        structured_data.collection_page(
            name=name,
            description=description,
            path=path,
            articles=articles,
            first_position=page.start_index() if page is not None and articles else 1,
        )
    )


@register.simple_tag
def share_image(article):
    """The picture a shared link shows: the lead image, or the article's headline card."""
    if article.lead_image is not None:
        shared = article.lead_image.for_sharing()
        return {
            "url": absolute_url(shared["url"]),
            "width": shared["width"],
            "height": shared["height"],
            "alt": article.lead_alt_text,
            "type": mimetypes.guess_type(shared["name"])[0] or "",
        }
    width, height = share_cards.SHAPES[share_cards.OPEN_GRAPH_SHAPE]
    return {
        "url": absolute_url(share_cards.card_url(article, share_cards.OPEN_GRAPH_SHAPE)),
        "width": width,
        "height": height,
        "alt": article.headline,
        "type": "image/png",
    }


def share_links(article):
    """For `syndication/share_links.html`: plain links that share the article by email, X, Facebook, LinkedIn and WhatsApp."""
    url = absolute_url(article.get_absolute_url())
    headline = article.headline
    return {
        "links": [
            (
                "Email",
                "mailto:?"
                + urlencode({"subject": headline, "body": f"{headline}\n{url}"}, quote_via=quote),
            ),
            ("X", "https://x.com/intent/post?" + urlencode({"text": headline, "url": url})),
            ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
            (
                "LinkedIn",
                "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
            ),
            ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{headline} {url}"})),
        ]
    }


@register.filter
def isotime(moment):
    """A time in the newsroom's time zone as ISO 8601, to the second, with its offset."""
    return structured_data.iso(moment) if moment else ""
