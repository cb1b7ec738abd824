"""Turning what an editor writes into the article body readers see."""

import re

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {
    "p", "br", "a", "em", "strong", "i", "b", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "sub", "sup", "q", "cite", "abbr", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}}
BLOCK_TAG = re.compile(r"<\s*(p|ul|ol|blockquote|h[2-4])\b", re.IGNORECASE)


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


def render_body(body, *, dateline="", source=""):
    """Sanitised HTML for the body, its first paragraph opening with the dateline."""
    if not BLOCK_TAG.search(body):
        # Plain text: blank lines separate paragraphs, single line breaks are kept.
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n"))]
        body = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs if p)
    html = nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES).strip()
    opener = dateline_opener(dateline, source)
    if not opener:
        return html
    lead = f'<span class="dateline">{escape(opener)}</span>'
    if html.startswith("<p>"):
        return f"<p>{lead}{html[3:]}"
    return f"<p>{lead}</p>{html}"
