"""What changed in an article while an editor had it open, shown when their save is refused."""

from dataclasses import dataclass, field

from django.core import signing
from django.utils import timezone
from django.utils.formats import date_format

from articles.body import reads_the_same

SNAPSHOT_SALT = "articles.served-copy"

# The fields compared, in the form's order; the state fields say what happened to it.
COMPARED_FIELDS = [
    "headline",
    "slug",
    "standfirst",
    "section",
    "byline",
    "tags",
    "dateline",
    "source",
    "body",
    "lead_image",
    "lead_image_alt",
    "lead_image_caption",
    "status",
    "publish_at",
    "comments_open",
    "comments_close_after_days",
]


@dataclass
class FieldChange:
    label: str
    opened: str
    now: str


@dataclass
class StaleEdit:
    """A refused save: who changed the article since, when, and field by field what."""

    changed_by: str
    changed_at: object
    message: str
    changes: list = field(default_factory=list)
    # False when the copy as opened is not on record: `opened` then holds what was sent.
    compared_with_opened: bool = True


def snapshot(article):
    """The compared fields of `article` as the form serves them, signed for the round trip."""
    return signing.dumps(_values(article), salt=SNAPSHOT_SALT, compress=True)


def stale_edit(article, *, submitted, served_snapshot=""):
    """Describe what happened to `article` since the form holding `served_snapshot` was served."""
    current = type(article).objects.select_related("updated_by", "section").get(pk=article.pk)
    who = _person(current.updated_by)
    when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT")
    message = (
        f"{who} changed this article at {when}, after you opened it. Nothing was saved: "
        "your text is still in the form. Compare the changes below, then save again if "
        "yours should replace them."
    )
    now = _values(current)
    try:
        opened = signing.loads(served_snapshot, salt=SNAPSHOT_SALT)
        compared_with_opened = True
    except signing.BadSignature:
        # A form served without its copy: compare with what the person sent instead.
        opened = {name: _display(current, name, value) for name, value in submitted.items()}
        compared_with_opened = False
    changes = [
        FieldChange(_label(current, name), opened[name], now[name])
        for name in COMPARED_FIELDS
        if name in opened and _differs(name, opened[name], now[name])
    ]
    return StaleEdit(who, current.updated_at, message, changes, compared_with_opened)


def _differs(name, opened, now):
    # The body editor may write the same copy in other markup: only the reading counts.
    if name == "body":
        return not reads_the_same(opened, now)
    return opened != now


def _person(user):
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


def _label(article, name):
    return str(article._meta.get_field(name).verbose_name).capitalize()


def _values(article):
    values = {}
    for name in COMPARED_FIELDS:
        if name == "tags":
            values[name] = ", ".join(sorted(article.tags.names(), key=str.lower))
        elif name == "byline":
            values[name] = ", ".join(a.name for a in article.byline.all())
        else:
            values[name] = _display(article, name, getattr(article, name))
    return values


def _display(article, name, value):
    if name == "status":
        return str(dict(article.Status.choices).get(value, value))
    if name == "publish_at":
        return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""
    if name == "section":
        return str(value) if value is not None else ""
    if name in {"tags", "byline"} and isinstance(value, list | tuple):
        return ", ".join(str(getattr(v, "name", v)) for v in value)
    if name == "comments_open":
        return "yes" if value else "no"
    if hasattr(value, "name") and not isinstance(value, str):
        return value.name or ""
    # Browsers send CRLF line ends; a line end is not a change anyone made.
    return "" if value is None else str(value).replace("\r\n", "\n")
