"""Reading a response as a reader sees it: its visible text, and where things sit in it."""

import re
from html import unescape

from django.utils.html import strip_tags


def _text(html):
    return re.sub(r"\s+", " ", unescape(strip_tags(html))).strip()


def visible_text(response):
    """The page's text without markup, runs of whitespace as one space."""
    return _text(response.content.decode())


def assert_in_order(haystack, *needles):
    """Each needle appears after the one before it, as a reader meets them."""
    start, previous = 0, None
    for needle in needles:
        index = haystack.find(needle, start)
        assert index != -1, (
            f"{needle!r} does not appear after {previous!r}"
            if previous
            else f"{needle!r} does not appear"
        )
        start, previous = index + len(needle), needle


def card_html(response):
    """Each article card's markup on a list page, in the page's order."""
    html = response.content.decode()
    return [
        chunk.partition(">")[2].split("</article>")[0]
        for chunk in html.split('<article class="card-story')[1:]
    ]


def cards(response):
    """Each article card's visible text, in the page's order."""
    return [_text(card) for card in card_html(response)]


def card_headlines(response):
    """The headlines of the page's article cards, in the page's order."""
    return [
        _text(re.search(r'class="card-story-headline">(.*?)</h[23]>', card).group(1))
        for card in card_html(response)
    ]
