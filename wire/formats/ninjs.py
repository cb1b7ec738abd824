"""IPTC ninjs, all three generations: one object or a list of them.

1.x names its fields flat and lower case (`headline`, `body_html`, `byline`, `pubstatus`,
`associations` as an object); 2.x moves text into lists (`headlines[]`, `bodies[]`,
`descriptions[]`, `by`, `subjects[]`, `associations[]`); 3.x keeps 2.x's shape in camelCase
(`pubStatus`, `versionCreated`, `embargoedUntil`, `contentType`). The generation is read
from `standard.version` when the item says it, else from the names it uses.
"""

from wire.formats.story import NotAStory, Picture, Story, moment, text_as_body, whole_number

# Names only a 3.x item uses, and names only 2.x and 3.x items use.
CAMEL_CASE = {
    "versionCreated",
    "firstCreated",
    "contentCreated",
    "pubStatus",
    "embargoedUntil",
    "copyrightHolder",
    "copyrightNotice",
    "usageTerms",
    "edNote",
    "altIds",
    "infoSources",
    "representationType",
}
LISTED = {"headlines", "bodies", "descriptions", "by", "subjects", "people", "places"}
# Which of several bodies or headlines to take, best first.
BODY_TYPES = ["text/html", "application/xhtml+xml", "text/plain", ""]
MAIN_ROLES = ["main", "richtext", "simple", "summary", ""]
PICTURE_RENDITIONS = ["original", "baseImage", "highres", "hires", "main", "preview"]


def generation(item):
    declared = str((item.get("standard") or item.get("$standard") or {}).get("version", ""))
    if declared[:1] in {"1", "2", "3"}:
        return int(declared[:1])
    if CAMEL_CASE & item.keys():
        return 3
    if LISTED & item.keys() or isinstance(item.get("associations"), list):
        return 2
    return 1


def read(document, *, credit=""):
    """Stories and per-item errors from a parsed ninjs document."""
    items = document if isinstance(document, list) else [document]
    stories, errors = [], []
    for number, item in enumerate(items, start=1):
        try:
            if not isinstance(item, dict):
                raise NotAStory("not a ninjs object")
            stories.append(story_from(item, credit=credit))
        except NotAStory as refusal:
            errors.append(f"item {number}: {refusal}")
    return stories, errors


def story_from(item, *, credit=""):
    names = FIELD_NAMES[generation(item)]

    def get(name):
        return item.get(names.get(name, name))

    if generation(item) == 1:
        headline, body, standfirst = _flat_texts(item)
        subjects = [s.get("name") for s in _objects(item.get("subject"))]
    else:
        headline = _pick(_objects(item.get("headlines")), names)
        body = _body(_objects(item.get("bodies")), names)
        standfirst = _pick(_objects(item.get("descriptions")), names)
        subjects = [s.get("name") for s in _objects(item.get("subjects"))]
    return Story(
        uri=_text(item.get("uri")),
        kind=_text(item.get("type")) or "text",
        version=whole_number(item.get("version")),
        version_created=moment(get("versioncreated")),
        first_created=moment(get("firstcreated")),
        pub_status=_text(get("pubstatus")),
        embargoed_until=moment(get("embargoed")),
        expires=moment(item.get("expires")),
        urgency=whole_number(item.get("urgency")),
        headline=headline,
        slugline=_text(item.get("slugline")),
        standfirst=standfirst,
        body=body,
        byline=_text(get("byline")),
        located=_text(item.get("located")),
        credit=credit,
        subjects=subjects,
        copyright_holder=_text(get("copyrightholder")),
        copyright_notice=_text(get("copyrightnotice")),
        usage_terms=_text(get("usageterms")),
        language=_text(item.get("language")),
        pictures=_pictures(item, names),
    )


# Each generation's name for the fields whose names changed.
FIELD_NAMES = {
    1: {"byline": "byline", "contenttype": "mimetype"},
    2: {"byline": "by", "contenttype": "contenttype"},
    3: {
        "byline": "by",
        "contenttype": "contentType",
        "versioncreated": "versionCreated",
        "firstcreated": "firstCreated",
        "pubstatus": "pubStatus",
        "embargoed": "embargoedUntil",
        "copyrightholder": "copyrightHolder",
        "copyrightnotice": "copyrightNotice",
        "usageterms": "usageTerms",
    },
}


def _text(value):
    return value if isinstance(value, str) else ""


def _objects(value):
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _flat_texts(item):
    """1.x: `headline`, then `body_html` or `body_text`, then a description; failing those,
    the schema's named extras (`headline_main`, `body_main`), the main one first."""
    body = _text(item.get("body_html")) or text_as_body(item.get("body_text"))
    if not body:
        extra = _named_extra(item, "body_")
        body = text_as_body(item.get(extra)) if extra else ""
    standfirst = _text(item.get("description_text")) or _text(item.get("description_html"))
    headline = _text(item.get("headline")) or _text(item.get(_named_extra(item, "headline_")))
    return headline, body, standfirst


def _named_extra(item, prefix):
    """The name of the text 1.x keeps under `prefix` + a purpose: `…main` first."""
    named = sorted(
        (k for k in item if k.startswith(prefix)), key=lambda k: (k != prefix + "main", k)
    )
    return named[0] if named else None


def _pick(entries, names):
    """The main one of several headlines or descriptions."""
    by_role = {_text(e.get("role")).lower(): _text(e.get("value")) for e in reversed(entries)}
    for role in MAIN_ROLES:
        if by_role.get(role):
            return by_role[role]
    return next((_text(e.get("value")) for e in entries if _text(e.get("value"))), "")


def _body(entries, names):
    """The richest of several bodies: HTML before plain text."""
    key = names["contenttype"]
    for wanted in BODY_TYPES:
        for entry in entries:
            if _text(entry.get(key)).lower() == wanted and _text(entry.get("value")):
                value = entry["value"]
                return text_as_body(value) if wanted == "text/plain" else value
    return ""


def _pictures(item, names):
    associations = item.get("associations")
    if isinstance(associations, dict):
        associated = [a for a in associations.values() if isinstance(a, dict)]
    else:
        associated = _objects(associations)
    pictures = []
    for association in associated:
        if _text(association.get("type")) not in {"picture", "graphic"}:
            continue
        href = _rendition_href(association.get("renditions"))
        if not href:
            continue
        if isinstance(associations, dict):
            caption = _text(association.get("description_text")) or _text(
                association.get("headline")
            )
        else:
            caption = _pick(_objects(association.get("descriptions")), names) or _pick(
                _objects(association.get("headlines")), names
            )
        pictures.append(
            Picture(
                href=href,
                caption=caption,
                credit=_text(association.get(names["byline"]))
                or _text(association.get(names.get("copyrightholder", "copyrightholder"))),
                alt=_pick(_objects(association.get("headlines")), names)
                or _text(association.get("headline")),
            )
        )
    return pictures


def _rendition_href(renditions):
    """The best rendition's address: the original or the largest, from a list or an object."""
    if isinstance(renditions, dict):
        named = {k: v for k, v in renditions.items() if isinstance(v, dict)}
    else:
        named = {_text(r.get("name")): r for r in _objects(renditions)}
    with_href = {name: r for name, r in named.items() if _text(r.get("href"))}
    for name in PICTURE_RENDITIONS:
        if name in with_href:
            return with_href[name]["href"]
    if not with_href:
        return ""
    widest = max(with_href.values(), key=lambda r: whole_number(r.get("width")) or 0)
    return widest["href"]
