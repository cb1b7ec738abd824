"""RSS 2.0 and Atom feeds, as agencies and partner sites publish them.

A feed item has no version: a newer one is told by its date, and an item with no date by
its content, so the same feed read twice adds nothing. Dublin Core's `dc:coverage` gives
the dateline and `dc:creator` the byline where a feed carries them.
"""

from wire.formats.story import NotAStory, Picture, Story, markup_of, moment

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
PICTURE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif")


def read_rss(root, *, credit=""):
    channel = root.find("channel")
    if channel is None:
        return [], ["an RSS file without a channel"]
    shared = {
        "copyright_notice": _text(channel, "copyright"),
        "language": _text(channel, "language"),
        "credit": credit,
    }
    stories, errors = [], []
    for number, item in enumerate(channel.findall("item"), start=1):
        try:
            stories.append(_rss_story(item, shared))
        except NotAStory as refusal:
            errors.append(f"item {number}: {refusal}")
    return stories, errors


def _rss_story(item, shared):
    full_text = _text(item, f"{CONTENT}encoded")
    description = _text(item, "description")
    published = moment(_text(item, "pubDate")) or moment(_text(item, f"{DC}date"))
    enclosure = item.find("enclosure")
    pictures = []
    if enclosure is not None and enclosure.get("type", "") in PICTURE_TYPES:
        pictures.append(Picture(href=enclosure.get("url", "")))
    return Story(
        uri=_text(item, "guid") or _text(item, "link"),
        version_created=published,
        first_created=published,
        headline=_text(item, "title"),
        standfirst=description if full_text else "",
        body=full_text or description,
        byline=_text(item, f"{DC}creator") or _text(item, "author"),
        located=_text(item, f"{DC}coverage"),
        subjects=[_text(category, "") for category in item.findall("category")],
        pictures=pictures,
        **shared,
    )


def read_atom(root, *, credit=""):
    shared = {"copyright_notice": _text(root, f"{ATOM}rights"), "credit": credit}
    stories, errors = [], []
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        try:
            stories.append(_atom_story(entry, shared))
        except NotAStory as refusal:
            errors.append(f"entry {number}: {refusal}")
    return stories, errors


def _atom_story(entry, shared):
    pictures = [
        Picture(href=link.get("href", ""))
        for link in entry.findall(f"{ATOM}link")
        if link.get("rel") == "enclosure" and link.get("type", "") in PICTURE_TYPES
    ]
    content = entry.find(f"{ATOM}content")
    summary = _text(entry, f"{ATOM}summary")
    return Story(
        uri=_text(entry, f"{ATOM}id"),
        version_created=moment(_text(entry, f"{ATOM}updated")),
        first_created=moment(_text(entry, f"{ATOM}published")),
        headline=_text(entry, f"{ATOM}title"),
        standfirst=summary if content is not None else "",
        body=_atom_content(content) if content is not None else summary,
        byline=", ".join(_text(a, f"{ATOM}name") for a in entry.findall(f"{ATOM}author")),
        located=_text(entry, f"{DC}coverage"),
        subjects=[c.get("label") or c.get("term", "") for c in entry.findall(f"{ATOM}category")],
        pictures=pictures,
        language=entry.get("{http://www.w3.org/XML/1998/namespace}lang", ""),
        **shared,
    )


def _atom_content(content):
    if content.get("type") == "xhtml":
        # Atom wraps XHTML content in one div of its own.
        return markup_of(content[0]) if len(content) else ""
    return "".join(content.itertext())


def _text(element, path):
    found = element.find(path) if path else element
    return "".join(found.itertext()).strip() if found is not None else ""
