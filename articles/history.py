"""Two kept versions of an article side by side, with the words that changed marked.

Versions are django-reversion's: every save through the desk keeps one. The comparison
works on what readers read, paragraph by paragraph and then word by word within a changed
paragraph, so a long body with one corrected figure shows that figure, not the whole body.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html import unescape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags

# (field as kept in a version, label), in the order of the article page.
COMPARED_FIELDS = [
    ("headline", "Headline"),
    ("standfirst", "Standfirst"),
    ("section_id", "Section"),
    ("byline", "Byline"),
    ("dateline", "Dateline"),
    ("source", "Wire credit"),
    ("body", "Body"),
    ("lead_image_id", "Lead image"),
    ("lead_image_alt", "Lead image alt text"),
    ("lead_image_caption", "Lead image caption"),
    ("status", "Status"),
    ("publish_at", "Publish date"),
    ("comments_open", "Comments open"),
    ("slug", "Slug"),
]
# Unchanged paragraphs kept around a change for context; longer runs are folded.
CONTEXT_PARAGRAPHS = 1

BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>", re.IGNORECASE)
LINK = re.compile(r"<a\s[^>]*?href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
WORDS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class Row:
    """One line of the side-by-side view: each side a list of (mark, text) pieces.

    The mark is "" for unchanged text, "del" for text only the older version has and "ins"
    for text only the newer one has. A folded row stands for `folded` unchanged paragraphs.
    """

    old: list = field(default_factory=list)
    new: list = field(default_factory=list)
    folded: int = 0


@dataclass
class FieldComparison:
    label: str
    rows: list


def compare(older, newer, *, sections, authors, pictures=None):
    """The fields that differ between two versions, each as side-by-side rows.

    `sections`, `authors` and `pictures` (library images) map ids to names, for the fields
    kept as ids.
    Returns (changed fields as FieldComparison, labels of the unchanged fields).
    """
    old_fields, new_fields = older.field_dict, newer.field_dict
    names = {"sections": sections, "authors": authors, "pictures": pictures or {}}
    changed, unchanged = [], []
    for name, label in COMPARED_FIELDS:
        old = readable(name, old_fields.get(name), **names)
        new = readable(name, new_fields.get(name), **names)
        if old == new:
            unchanged.append(label)
        else:
            changed.append(FieldComparison(label, paragraph_rows(old, new)))
    return changed, unchanged


# A pending revision's fields (as `Article.revision_content` keeps them), as above.
REVISION_COMPARED_FIELDS = [
    ("headline", "Headline"),
    ("standfirst", "Standfirst"),
    ("section", "Section"),
    ("byline", "Byline"),
    ("tags", "Tags"),
    ("dateline", "Dateline"),
    ("source", "Wire credit"),
    ("body", "Body"),
    ("lead_image_alt", "Lead image alt text"),
    ("lead_image_caption", "Lead image caption"),
]


def compare_copies(live, proposed, *, sections, authors):
    """The live copy against a pending revision's, in the same rows as two versions.

    Both are copies as a revision keeps them; `sections` and `authors` map ids to names.
    Returns (changed fields as FieldComparison, labels of the unchanged fields).
    """
    changed, unchanged = [], []
    for name, label in REVISION_COMPARED_FIELDS:
        kept_as = "section_id" if name == "section" else name
        old, new = (
            ", ".join(copy.get(name) or [])
            if name == "tags"
            else readable(kept_as, copy.get(name), sections=sections, authors=authors)
            for copy in (live, proposed)
        )
        if old == new:
            unchanged.append(label)
        else:
            changed.append(FieldComparison(label, paragraph_rows(old, new)))
    return changed, unchanged


def readable(name, value, *, sections, authors, pictures=None):
    """A kept value as the editor reads it: names for ids, dates, the text of markup."""
    if value is None:
        return ""
    if name == "section_id":
        return sections.get(value, "")
    if name == "lead_image_id":
        return (pictures or {}).get(value, f"Picture {value}")
    if name == "byline":
        return ", ".join(authors.get(int(pk), "") for pk in value)
    if name == "publish_at":
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if name == "comments_open":
        return "yes" if value else "no"
    if name == "body":
        return body_text(value)
    return str(getattr(value, "name", value))


def body_text(body):
    """The body's words as paragraphs separated by blank lines; a link shows its address."""
    text = LINK.sub(r"\2 (\1)", body.replace("\r\n", "\n"))
    text = unescape(strip_tags(BLOCK_END.sub("\n\n", text)))
    return "\n\n".join(p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip())


def paragraph_rows(old, new):
    """Rows pairing the paragraphs of two texts, changed words marked in changed ones."""
    old_paragraphs = PARAGRAPH_BREAK.split(old) if old else []
    new_paragraphs = PARAGRAPH_BREAK.split(new) if new else []
    matcher = SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    rows = []
    opcodes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            rows.extend(
                _unchanged(old_paragraphs[i1:i2], first=index == 0, last=index == len(opcodes) - 1)
            )
            continue
        olds, news = old_paragraphs[i1:i2], new_paragraphs[j1:j2]
        for position in range(max(len(olds), len(news))):
            before = olds[position] if position < len(olds) else None
            after = news[position] if position < len(news) else None
            rows.append(_word_row(before, after))
    return rows


def _unchanged(paragraphs, *, first, last):
    keep_before = 0 if first else CONTEXT_PARAGRAPHS
    keep_after = 0 if last else CONTEXT_PARAGRAPHS
    if len(paragraphs) <= keep_before + keep_after + 1:
        return [Row([("", p)], [("", p)]) for p in paragraphs]
    head = [Row([("", p)], [("", p)]) for p in paragraphs[:keep_before]]
    tail = [Row([("", p)], [("", p)]) for p in paragraphs[len(paragraphs) - keep_after :]]
    return [*head, Row(folded=len(paragraphs) - keep_before - keep_after), *tail]


def _word_row(before, after):
    if before is None:
        return Row([], [("ins", after)])
    if after is None:
        return Row([("del", before)], [])
    old_words, new_words = WORDS.findall(before), WORDS.findall(after)
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    row = Row()
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            text = "".join(old_words[i1:i2])
            row.old.append(("", text))
            row.new.append(("", text))
            continue
        if i2 > i1:
            row.old.append(("del", "".join(old_words[i1:i2])))
        if j2 > j1:
            row.new.append(("ins", "".join(new_words[j1:j2])))
    return Row(_joined(row.old), _joined(row.new))


def _joined(pieces):
    """Marked runs parted only by a space read as one change: "in a month", not three."""
    joined = []
    for mark, text in pieces:
        if (
            mark
            and len(joined) >= 2
            and joined[-2][0] == mark
            and not joined[-1][0]
            and not joined[-1][1].strip()
        ):
            space = joined.pop()[1]
            joined[-1] = (mark, joined[-1][1] + space + text)
        else:
            joined.append((mark, text))
    return joined
