"""Fetch to draft: the newsroom's own draft article made from an agency story.

The draft carries the story's copy (already held to the article body rule), the dateline
and wire credit the page opens with ("ANKARA (Reuters) – "), the byline, the subjects as
tags, the agency's embargo, and the picture sent with it as its lead image from the image
library. The wire item keeps the link: fetching it again opens the same draft.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Author
from images.models import LibraryImage
from wire.models import Provider, WireItem

FETCH_PERMISSIONS = ("wire.fetch_wireitem", "articles.add_article")
BYLINE_SEPARATOR = re.compile(r",\s*|\s+and\s+|\s*;\s*")


def copy_for_article(story, provider):
    """The article fields a story gives: what a draft starts with, and what an update changes."""
    headline = story.headline or story.uri
    return {
        "headline": headline[:200],
        "standfirst": (story.standfirst or headline)[:400],
        "dateline": story.located[:60],
        "source": (story.credit or provider.credit)[:60],
        "body": story.body,
    }


def draft_from(item, *, by):
    """The draft article made from the item's current version; the same one if made before."""
    if not all(by.has_perm(permission) for permission in FETCH_PERMISSIONS):
        raise PermissionDenied("Only the desk may fetch wire copy to drafts.")
    with transaction.atomic():
        item = WireItem.objects.select_for_update().select_related("provider").get(pk=item.pk)
        if item.article_id is not None:
            return Article.objects.get(pk=item.article_id)
        if item.is_killed():
            raise ValidationError("The agency killed this story: it cannot be used.", code="killed")
        section = item.provider.draft_section()
        if section is None:
            raise ValidationError("Add a section first: a draft needs one.", code="no_section")
        story = item.current_version().story()
        article = Article(
            **copy_for_article(story, item.provider),
            slug=slugify(story.headline)[:200] or "wire-story",
            section=section,
            status=Article.Status.DRAFT,
            embargoed_until=story.embargoed_until,
            created_by=by,
            updated_by=by,
        )
        if item.is_embargoed():
            # What is offered instead of publishing: "Schedule" puts it live at the embargo.
            article.publish_at = story.embargoed_until
        if story.pictures:
            _lead_image(article, story.pictures[0], item.provider, by=by)
        article.save()
        article.tags.set(story.subjects)
        article.byline.set(authors_named(story.byline))
        item.article = article
        item.drafted_number = item.number
        item.fetched_at = timezone.now()
        item.fetched_by = by
        item.save(update_fields=["article", "drafted_number", "fetched_at", "fetched_by"])
    return article


def authors_named(byline):
    """The authors a byline names ("By A and B"), made the first time they appear."""
    names = [n.strip() for n in BYLINE_SEPARATOR.split(re.sub(r"^by\s+", "", byline, flags=re.I))]
    authors = []
    for name in filter(None, names):
        author = Author.objects.filter(name__iexact=name).first()
        if author is None:
            base = slugify(name)[:90] or "author"
            slug, n = base, 1
            while Author.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            author = Author.objects.create(name=name[:100], slug=slug)
        authors.append(author)
    return authors


def picture_file(provider, href):
    """The picture's file, when `href` names one in the provider's drop folder; else None.

    Only a plain name inside the folder: no other directory, no address elsewhere.
    """
    if provider.kind != Provider.Kind.FOLDER or not href or "/" in href or "\\" in href:
        return None
    folder = Path(provider.location).resolve()
    path = (folder / href).resolve()
    if path.parent != folder or not path.is_file():
        return None
    if path.stat().st_size > settings.NEWSROOM_LEAD_IMAGE_MAX_BYTES:
        return None
    return path


def _lead_image(article, picture, provider, *, by):
    """Put the picture into the image library and make it the draft's lead image."""
    path = picture_file(provider, picture.href)
    if path is None:
        return
    alt = (picture.alt or picture.caption or article.headline)[:200]
    with path.open("rb") as opened:
        image = LibraryImage(
            image=File(opened, name=path.name),
            alt_text=alt,
            caption=picture.caption[:300],
            credit=picture.credit[:120],
            uploaded_by=by,
        )
        try:
            image.full_clean(exclude=["uploaded_by"])
        except ValidationError:
            return
        image.save()
    # The library keeps the agency's caption and credit; the article shows the library's.
    article.lead_image = image
