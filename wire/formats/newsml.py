"""IPTC NewsML-G2: a `newsItem`, or a `newsMessage` carrying several in its `itemSet`.

A text item's copy is its `contentSet`'s `inlineXML` (XHTML) or `inlineData` (plain text).
A picture item (`itemClass` `ninat:picture`) in the same message goes with the text items
that link to it (`itemMeta/link/@residref`), or with every text item when none links: its
`remoteContent/@href` names the file, its description is the caption.
"""

from wire.formats.story import (
    NotAStory,
    Picture,
    Story,
    markup_of,
    moment,
    text_as_body,
    whole_number,
)

NAR = "{http://iptc.org/std/nar/2006-10-01/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read(root, *, credit=""):
    """Stories and per-item errors from a parsed `newsItem` or `newsMessage` element."""
    single = root.tag == f"{NAR}newsItem"
    items = [root] if single else root.findall(f"{NAR}itemSet/{NAR}newsItem")
    pictures = {}
    for item in items:
        if _qcode(item, "itemMeta/itemClass").endswith(":picture"):
            picture = _picture(item)
            if picture is not None:
                pictures[item.get("guid", "")] = picture
    stories, errors = [], []
    for number, item in enumerate(items, start=1):
        if item.get("guid", "") in pictures:
            continue
        try:
            stories.append(_story(item, pictures, credit=credit))
        except NotAStory as refusal:
            errors.append(f"newsItem {number}: {refusal}")
    return stories, errors


def _story(item, pictures, *, credit):
    meta, content = item.find(f"{NAR}itemMeta"), item.find(f"{NAR}contentMeta")
    if meta is None or content is None:
        raise NotAStory("a newsItem without itemMeta or contentMeta")
    linked = {link.get("residref") for link in meta.findall(f"{NAR}link")}
    own_pictures = [p for guid, p in pictures.items() if guid in linked] or (
        [] if linked & pictures.keys() else list(pictures.values())
    )
    return Story(
        uri=item.get("guid", ""),
        kind=_qcode(item, "itemMeta/itemClass").partition(":")[2] or "text",
        version=whole_number(item.get("version")),
        version_created=moment(_text(meta, "versionCreated")),
        first_created=moment(_text(meta, "firstCreated")),
        pub_status=_qcode(item, "itemMeta/pubStatus").partition(":")[2],
        embargoed_until=moment(_text(meta, "embargoed")),
        expires=moment(_text(meta, "expires")),
        urgency=whole_number(_text(content, "urgency")),
        headline=_text(content, "headline"),
        slugline=_text(content, "slugline"),
        standfirst=_description(content, "drol:summary"),
        body=_body(item),
        byline=_text(content, "by") or _text(content, "creator/name"),
        located=_text(content, "located/name") or _attribute(content, "located", "literal"),
        credit=_text(content, "creditline") or credit,
        subjects=[_text(subject, "name") for subject in content.findall(f"{NAR}subject")],
        copyright_holder=_text(item, "rightsInfo/copyrightHolder/name")
        or _attribute(item, "rightsInfo/copyrightHolder", "literal"),
        copyright_notice=_text(item, "rightsInfo/copyrightNotice"),
        usage_terms=_text(item, "rightsInfo/usageTerms"),
        language=_attribute(content, "language", "tag") or item.get(XML_LANG, ""),
        pictures=own_pictures,
    )


def _picture(item):
    remote = item.find(f"{NAR}contentSet/{NAR}remoteContent")
    if remote is None or not remote.get("href"):
        return None
    content = item.find(f"{NAR}contentMeta")
    if content is None:
        return Picture(href=remote.get("href"))
    return Picture(
        href=remote.get("href"),
        caption=_description(content, "drol:caption"),
        credit=_text(content, "creditline") or _text(content, "by"),
        alt=_text(content, "headline"),
    )


def _body(item):
    inline = item.find(f"{NAR}contentSet/{NAR}inlineXML")
    if inline is not None:
        body = next((e for e in inline.iter() if _local(e.tag) == "body"), inline)
        return markup_of(body)
    data = item.find(f"{NAR}contentSet/{NAR}inlineData")
    return text_as_body(data.text) if data is not None and data.text else ""


def _description(content, role):
    descriptions = content.findall(f"{NAR}description")
    chosen = next((d for d in descriptions if d.get("role") == role), None)
    if chosen is None and descriptions:
        chosen = descriptions[0]
    return "".join(chosen.itertext()) if chosen is not None else ""


def _path(path):
    return "/".join(f"{NAR}{step}" for step in path.split("/"))


def _text(element, path):
    found = element.find(_path(path))
    return "".join(found.itertext()).strip() if found is not None else ""


def _attribute(element, path, name):
    found = element.find(_path(path))
    return found.get(name, "") if found is not None else ""


def _qcode(element, path):
    return _attribute(element, path, "qcode")


def _local(tag):
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
