"""Agency updates of fetched stories: what changed, word by word, and merging it in.

An update never overwrites an editor. Field by field, the agency's change is taken only
where the article still reads as the version it was fetched from; where the editor changed
the same field, the editor's copy stays and the editor is told. A live article gets the
update as a pending revision an editor publishes; a draft takes it at once.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from articles.body import reads_the_same
from articles.history import FieldComparison, body_text, paragraph_rows
from articles.models import Article
from wire.drafting import copy_for_article
from wire.models import WireItem

# The article fields an agency update may change, with the labels the desk knows them by.
UPDATED_FIELDS = [
    ("headline", "Headline"),
    ("standfirst", "Standfirst"),
    ("dateline", "Dateline"),
    ("source", "Wire credit"),
    ("body", "Body"),
]


def changes(item):
    """The agency's changes since the fetched version, as side-by-side word-level rows."""
    fetched, newest = _copies(item)
    compared = []
    for name, label in UPDATED_FIELDS:
        old, new = _readable(name, fetched[name]), _readable(name, newest[name])
        if old != new:
            compared.append(FieldComparison(label, paragraph_rows(old, new)))
    return compared


def apply_update(item, *, by):
    """Merge the newest version into the article; return (fields taken, fields kept as edited).

    The item then counts as fetched at its newest version.
    """
    if not by.has_perm("articles.change_article"):
        raise PermissionDenied("Only the desk may apply agency updates.")
    with transaction.atomic():
        item = WireItem.objects.select_for_update().select_related("provider").get(pk=item.pk)
        if not item.has_update():
            raise ValidationError("There is no agency update to apply.", code="no_update")
        article = Article.objects.get(pk=item.article_id)
        if article.is_withdrawn():
            raise ValidationError("This article is withdrawn.", code="withdrawn")
        fetched, newest = _copies(item)
        revision = article.open_revision() if article.status == Article.Status.PUBLISHED else None
        ours = revision.content if revision is not None else article.revision_content()
        taken, kept = {}, []
        for name, label in UPDATED_FIELDS:
            if _same(name, newest[name], fetched[name]) or _same(name, ours[name], newest[name]):
                continue
            if _same(name, ours[name], fetched[name]):
                taken[name] = newest[name]
            else:
                kept.append(label)
        if taken and article.status == Article.Status.PUBLISHED:
            article.propose_revision(by=by, content={**ours, **taken})
        elif taken:
            for name, value in taken.items():
                setattr(article, name, value)
            article.updated_by = by
            article.save()
        item.drafted_number = item.number
        item.save(update_fields=["drafted_number"])
    labels = dict(UPDATED_FIELDS)
    return [labels[name] for name in taken], kept


def _copies(item):
    fetched = item.fetched_version()
    newest = item.current_version()
    provider = item.provider
    return (
        copy_for_article(fetched.story(), provider),
        copy_for_article(newest.story(), provider),
    )


def _readable(name, value):
    return body_text(value) if name == "body" else value


def _same(name, first, second):
    if name == "body":
        return reads_the_same(first or "", second or "")
    return (first or "") == (second or "")
