"""Reading a response as a reader sees it: visible text, elements by class or id, order."""

import re
from html import unescape

from django.test.html import Element, parse_html
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


def archive_lines(response):
    """Each line of an archive's list by time, as a reader reads it: time, section, headline."""
    lists = re.findall(r'<ol class="archive-list">(.*?)</ol>', response.content.decode(), re.S)
    return [_text(line) for block in lists for line in re.findall(r"<li>(.*?)</li>", block, re.S)]


def archive_headlines(response):
    """The headlines of an archive's list by time, in the page's order."""
    return [
        _text(headline)
        for headline in re.findall(
            r'class="archive-headline" href="[^"]*">(.*?)</a>', response.content.decode()
        )
    ]


def _elements(node):
    yield node
    for child in node.children:
        if isinstance(child, Element):
            yield from _elements(child)


def _node_text(node):
    return " ".join(
        child if isinstance(child, str) else _node_text(child) for child in node.children
    ).strip()


def texts(response, *, css_class=None, id=None):
    """The visible text of every element with this class (or this id), in page order."""

    def wanted(element):
        attrs = dict(element.attributes)
        if id is not None:
            return attrs.get("id") == id
        return css_class in (attrs.get("class") or "").split()

    root = parse_html(response.content.decode())
    return [_node_text(element) for element in _elements(root) if wanted(element)]


def text(response, *, css_class=None, id=None):
    """The visible text of the one element with this class (or this id)."""
    (only,) = texts(response, css_class=css_class, id=id)
    return only


def link_text(response, href):
    """The visible text of the one link to `href`."""
    root = parse_html(response.content.decode())
    (only,) = (
        _node_text(element)
        for element in _elements(root)
        if element.name == "a" and dict(element.attributes).get("href") == href
    )
    return only
