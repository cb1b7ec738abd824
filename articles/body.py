"""Turning what an editor writes into the article body readers see.

The desk's body editor offers exactly what these rules keep; whatever reaches the body
another way (an import, an old plain-text body) is held to the same rules.
"""

import re

import nh3
from django.utils.html import escape

from images.inline import place_library_images

ALLOWED_TAGS = {
    "p", "br", "a", "em", "strong", "i", "b", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "sub", "sup", "q", "cite", "abbr", "hr",
    "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "q": {"cite"},
    # `data-file` names the library image; it is replaced by that image's renditions.
    "img": {"src", "alt", "data-file"},
}
BLOCK_TAG = re.compile(r"<\s*(p|ul|ol|blockquote|h[2-4]|figure)\b", re.IGNORECASE)


def dateline_opener(dateline, source):
    """`ANKARA (Reuters) – `, `ANKARA – ` or `(Reuters) – `; empty when neither is set."""
    parts = [
        part
        for part in (
            dateline.strip().upper(),
            f"({source.strip()})" if source.strip() else "",
        )
        if part
    ]
    return f"{' '.join(parts)} – " if parts else ""


def paragraphs(text):
    """Plain text as HTML paragraphs: blank lines separate them, single line breaks stay."""
    if BLOCK_TAG.search(text):
        return text
    parts = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in parts if p)


def reads_the_same(first, second):
    """Whether two bodies show readers the same copy, however the editor wrote them.

    The body editor writes a plain-text body back as paragraphs and a list item's text as
    a paragraph of its own; saving it untouched is no change to the copy.
    """
    return _reading(first) == _reading(second)


def _reading(body):
    html = nh3.clean(paragraphs(body or ""), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)
    html = re.sub(r"<li>\s*<p>(.*?)</p>\s*</li>", r"<li>\1</li>", html, flags=re.DOTALL)
    html = html.replace(' title=""', "").replace("<p></p>", "")
    return re.sub(r"\s+", " ", html).strip()


def sanitised(body):
    """The body as it is kept: HTML paragraphs with only what the body editor offers.

    Kept so, not only rendered so: the body editor loads the stored body, and a script in
    it would meet the strict Content-Security-Policy on the desk's own page.
    """
    return nh3.clean(paragraphs(body), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES).strip()


def render_body(body, *, dateline="", source=""):
    """Sanitised HTML for the body, its first paragraph opening with the dateline.

    Inline images are kept only when they come from the image library, and are served
    as that image's renditions.
    """
    html = place_library_images(sanitised(body))
    opener = dateline_opener(dateline, source)
    if not opener:
        return html
    lead = f'<span class="dateline">{escape(opener)}</span>'
    if html.startswith("<p>"):
        return f"<p>{lead}{html[3:]}"
    return f"<p>{lead}</p>{html}"
