"""Reading agency files: the format is told by the content, never by the file's name.

JSON is ninjs (1.x, 2.x or 3.x); XML is NewsML-G2 (`newsItem`, `newsMessage`), RSS 2.0 or
Atom. XML is parsed only by defusedxml, with document type declarations refused: no
external entity is ever fetched and no entity expanded, so an XXE or billion-laughs file
is refused at once.
"""

import json
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from wire.formats import feeds, newsml, ninjs
from wire.formats.story import NotAStory, Picture, Story

__all__ = ["NotAStory", "Picture", "Reading", "Story", "read"]

XML_READERS = {
    "{http://iptc.org/std/nar/2006-10-01/}newsItem": newsml.read,
    "{http://iptc.org/std/nar/2006-10-01/}newsMessage": newsml.read,
    "rss": feeds.read_rss,
    "{http://www.w3.org/2005/Atom}feed": feeds.read_atom,
}


@dataclass
class Reading:
    """What one file gave: its stories, and what could not be read, item by item."""

    stories: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def read(data, *, credit=""):
    """Read one agency file's bytes; a file that is no story at all gives one error."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Reading(errors=["not UTF-8 text"])
    start = text.lstrip()[:1]
    if start in {"{", "["}:
        return _read_json(text, credit)
    if start == "<":
        return _read_xml(data, credit)
    return Reading(errors=["neither JSON nor XML: not a format the wire desk reads"])


def _read_json(text, credit):
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        return Reading(errors=[f"malformed JSON: {error}"])
    return Reading(*ninjs.read(document, credit=credit))


def _read_xml(data, credit):
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as refusal:
        return Reading(errors=[f"refused XML: {type(refusal).__name__}"])
    except ParseError as error:
        return Reading(errors=[f"malformed XML: {error}"])
    reader = XML_READERS.get(root.tag)
    if reader is None:
        return Reading(errors=[f"XML with a <{root.tag}> root: not a format the wire desk reads"])
    return Reading(*reader(root, credit=credit))
