"""Reading a response as a reader sees it: the text inside elements picked by class or id."""

from django.test.html import Element, parse_html


def _elements(node):
    yield node
    for child in node.children:
        if isinstance(child, Element):
            yield from _elements(child)


def _text(node):
    return " ".join(
        child if isinstance(child, str) else _text(child) for child in node.children
    ).strip()


def texts(response, *, css_class=None, id=None):
    """The visible text of every element with this class (or this id), in page order."""

    def wanted(element):
        attrs = dict(element.attributes)
        if id is not None:
            return attrs.get("id") == id
        return css_class in (attrs.get("class") or "").split()

    root = parse_html(response.content.decode())
    return [_text(element) for element in _elements(root) if wanted(element)]


def text(response, *, css_class=None, id=None):
    """The visible text of the one element with this class (or this id)."""
    (only,) = texts(response, css_class=css_class, id=id)
    return only


def link_text(response, href):
    """The visible text of the one link to `href`."""
    root = parse_html(response.content.decode())
    (only,) = (
        _text(element)
        for element in _elements(root)
        if element.name == "a" and dict(element.attributes).get("href") == href
    )
    return only
