"""One agency story as the wire desk keeps it, whatever format it came in.

Every reader of a format (ninjs, NewsML-G2, RSS, Atom) returns `Story` objects; nothing
after the readers knows which format a story came in. The agency's HTML is held to the
article body rule (nh3, `articles/body.py`) here, once, as it arrives.
"""

import hashlib
import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import nh3
from django.utils.dateparse import parse_datetime
from django.utils.html import escape, strip_tags

from articles.body import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, paragraphs

# Agency images are not the site's: a body keeps its words, never another host's picture.
BODY_TAGS = ALLOWED_TAGS - {"img", "figure", "figcaption"}
BODY_ATTRIBUTES = {tag: names for tag, names in ALLOWED_ATTRIBUTES.items() if tag in BODY_TAGS}

# What each field may hold, cut to the article's own limits.
LIMITS = {
    "uri": 500,
    "headline": 200,
    "slugline": 100,
    "located": 60,
    "byline": 200,
    "credit": 60,
    "standfirst": 400,
    "copyright_holder": 200,
    "copyright_notice": 500,
    "usage_terms": 1000,
    "language": 20,
}
PUBLICATION_STATES = {"usable", "withheld", "canceled"}
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


class NotAStory(ValueError):
    """One item of a file cannot be read as a story: recorded as an error, the rest go on."""


@dataclass
class Picture:
    """A picture sent with a story: a file named in the same drop folder, with its words."""

    href: str
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass
class Story:
    uri: str
    kind: str = "text"
    version: int | None = None
    version_created: datetime | None = None
    first_created: datetime | None = None
    pub_status: str = "usable"
    embargoed_until: datetime | None = None
    expires: datetime | None = None
    urgency: int | None = None
    headline: str = ""
    slugline: str = ""
    standfirst: str = ""
    body: str = ""
    byline: str = ""
    located: str = ""
    credit: str = ""
    subjects: list = field(default_factory=list)
    copyright_holder: str = ""
    copyright_notice: str = ""
    usage_terms: str = ""
    language: str = ""
    pictures: list = field(default_factory=list)

    def __post_init__(self):
        self.uri = (self.uri or "").strip()
        if not self.uri:
            raise NotAStory("an item without an identifier (uri, guid or id)")
        if len(self.uri) > LIMITS["uri"]:
            raise NotAStory("an identifier longer than 500 characters")
        for name, limit in LIMITS.items():
            setattr(self, name, plain(getattr(self, name))[:limit])
        self.pub_status = self.pub_status.lower() or "usable"
        if self.pub_status not in PUBLICATION_STATES:
            self.pub_status = "usable"
        self.body = without_opener(clean_body(self.body), self.located)
        if not self.standfirst:
            self.standfirst = first_paragraph(self.body)[: LIMITS["standfirst"]]
        self.subjects = sorted({plain(name)[:100] for name in self.subjects if plain(name)})
        if self.urgency is not None and not 1 <= self.urgency <= 9:
            self.urgency = None
        self.pictures = [p if isinstance(p, Picture) else Picture(**p) for p in self.pictures]

    @property
    def killed(self):
        return self.pub_status == "canceled"

    def as_data(self):
        """The story as JSON-ready data, the way a version keeps it."""
        data = {}
        for name in FIELD_NAMES:
            value = getattr(self, name)
            if isinstance(value, datetime):
                value = value.isoformat()
            elif name == "pictures":
                value = [vars(picture).copy() for picture in value]
            elif name == "subjects":
                value = list(value)
            data[name] = value
        return data

    @classmethod
    def from_data(cls, data):
        values = {f.name: data.get(f.name, f.default) for f in fields(cls) if f.name in data}
        for name in ("version_created", "first_created", "embargoed_until", "expires"):
            if values.get(name):
                values[name] = datetime.fromisoformat(values[name])
        return cls(**values)

    def fingerprint(self, data=None):
        """The same story sent twice has the same fingerprint, whatever file it came in."""
        text = json.dumps(data or self.as_data(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


FIELD_NAMES = [f.name for f in fields(Story)]


def plain(value):
    """Text without markup or runs of white space; anything not text is no text."""
    if value is None or isinstance(value, dict | list | bool):
        return ""
    value = str(value)
    if "<" in value:
        value = strip_tags(value)
    return " ".join(value.split())


def clean_body(html):
    """Agency copy held to the article body rule: what may reach a page, and nothing else."""
    if not isinstance(html, str) or not html.strip():
        return ""
    return nh3.clean(paragraphs(html.strip()), tags=BODY_TAGS, attributes=BODY_ATTRIBUTES).strip()


def text_as_body(text):
    """Plain agency text as paragraphs: blank lines (or single ones, in wire copy) split them."""
    if not isinstance(text, str):
        return ""
    separator = "\n\n" if "\n\n" in text else "\n"
    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split(separator) if p.strip())


def without_opener(html, located):
    """The body without the agency's own `ANKARA, Jan 5 (Reuters) - `: the page writes its own."""
    if not located:
        return html
    opener = re.compile(
        rf"^<p>\s*{re.escape(located)}\b[^<()]{{0,40}}(\([^()<]{{1,40}}\))?\s*[-–—]+\s*",
        re.IGNORECASE,
    )
    return opener.sub("<p>", html, count=1)


def markup_of(element):
    """An XML element's contents as HTML: its text and its children, namespaces dropped.

    For XHTML carried inside another format (NewsML-G2's inlineXML, Atom's xhtml content);
    the element was parsed by defusedxml, this only writes it out again.
    """
    for inner in element.iter():
        if isinstance(inner.tag, str):
            inner.tag = inner.tag.rpartition("}")[2]
    children = "".join(ElementTree.tostring(child, encoding="unicode") for child in element)
    return (element.text or "") + children


def first_paragraph(html):
    match = FIRST_PARAGRAPH.search(html)
    return plain(match.group(1) if match else html)


def moment(value):
    """An agency's date and time (ISO 8601 or RFC 822) as an aware datetime, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def whole_number(value):
    """A version or an urgency as a number, whether sent as a number or as text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None
