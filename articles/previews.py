"""Preview links: their signed tokens, the copy each one keeps, and who used them.

A link's token is its number signed with the site's key under a purpose of its own, so
links cannot be guessed or altered; whether a link still opens (not expired, not revoked)
is kept on the link itself, so revoking takes effect at once. Visitors' addresses are kept
only as a keyed hash, under a purpose apart from commenters' so the two cannot be matched.
"""

from django.core import signing
from django.utils.text import slugify
from taggit.models import Tag

from articles.body import render_body
from articles.models import Article, Author, PreviewLink, Section
from articles.models.previews import TOKEN_SALT
from newsroom.readers import keyed_hash


def link_for_token(token):
    """The preview link a token names, or None when the token is not one we signed."""
    try:
        pk = signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return PreviewLink.objects.select_related("article").filter(pk=pk).first()


def visitor_hash(address):
    """The keyed hash that stands for a preview visitor's address; "" when there is none."""
    return keyed_hash("preview-address", address) if address else ""


def article_as_previewed(link):
    """The article as the link shows it, with its byline and tags, for the article page.

    The article is filled in from the kept copy and never saved.
    """
    article = link.article
    content = link.content
    for name in Article.TEXT_FIELDS:
        if name in content:
            setattr(article, name, content[name])
    article.section = Section.objects.filter(pk=content.get("section")).first() or article.section
    article.body_html = render_body(article.body, dateline=article.dateline, source=article.source)
    authors = Author.objects.in_bulk(content.get("byline", []))
    byline = [authors[pk] for pk in content.get("byline", []) if pk in authors]
    names = content.get("tags", [])
    known = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    # A tag new in the revision has no page yet; it shows as it will be named.
    tags = [known.get(name) or Tag(name=name, slug=slugify(name)) for name in names]
    return article, byline, tags
