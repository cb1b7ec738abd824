"""RSS and Atom feeds of published articles: the whole site, each section, tag and author;
and the RSS feed of corrections.

Each item carries its byline, publish time, standfirst (as the summary), categories (the
section, then the tags) and the lead image (its largest JPEG rendition) as an enclosure
with its length and type.
Links are on the site's own address (`NEWSROOM_SITE_URL`), whatever host asked.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from taggit.models import Tag

from articles.models import Article, Author, Correction, Section
from newsroom.site import absolute_url


def alternates(title, url_name, **kwargs):
    """The `<link rel="alternate">` entries of one feed, in RSS and in Atom, for a page."""
    return [
        {"type": "application/rss+xml", "title": title, "url": reverse(url_name, kwargs=kwargs)},
        {
            "type": "application/atom+xml",
            "title": f"{title} (Atom)",
            "url": reverse(f"{url_name}_atom", kwargs=kwargs),
        },
    ]


# The feed that follows each kind of list page's subject.
SUBJECT_FEEDS = {
    Section: "syndication:section_feed",
    Tag: "syndication:tag_feed",
    Author: "syndication:author_feed",
}


def alternates_of(subject):
    """The feeds of a section's, tag's or author's page; none for any other list."""
    url_name = SUBJECT_FEEDS.get(type(subject))
    if url_name is None:
        return []
    title = f"{settings.NEWSROOM_SITE_NAME}: {subject.name}"
    return alternates(title, url_name, slug=subject.slug)


class LatestArticlesFeed(Feed):
    description_template = "syndication/feeds/description.html"
    url_name = "syndication:feed"

    @property
    def language(self):
        return settings.NEWSROOM_LANGUAGE

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: latest news"

    def link(self):
        return absolute_url(reverse("articles:front"))

    def feed_url(self, obj=None):
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return absolute_url(reverse(self.url_name, kwargs=kwargs))

    def description(self):
        return f"The latest published articles from {settings.NEWSROOM_SITE_NAME}."

    def articles(self):
        return (
            Article.objects.published()
            .select_related("section", "lead_image")
            .prefetch_related("byline", "tags")
            .defer("body", "body_html")
            .order_by("-publish_at", "-news_id")
        )

    def items(self):
        return self.articles()[: settings.NEWSROOM_FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.revised_at if item.was_updated else item.publish_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.byline.all()) or None

    def item_author_link(self, item):
        authors = item.byline.all()
        return absolute_url(authors[0].get_absolute_url()) if len(authors) == 1 else None

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        if item.lead_image is None:
            return []
        shared = item.lead_image.for_sharing()
        mime_type = mimetypes.guess_type(shared["name"])[0] or "application/octet-stream"
        # The stored file's size: a stat on disk, a HEAD on a bucket.
        length = item.lead_image.image.storage.size(shared["name"])
        return [Enclosure(absolute_url(shared["url"]), str(length), mime_type)]


class SectionFeed(LatestArticlesFeed):
    url_name = "syndication:section_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"{settings.NEWSROOM_SITE_NAME}: {section.name}"

    def link(self, section):
        return absolute_url(section.get_absolute_url())

    def description(self, section):
        return section.description or f"The latest {section.name} articles."

    def items(self, section):
        return self.articles().filter(section=section)[: settings.NEWSROOM_FEED_LENGTH]


class TagFeed(LatestArticlesFeed):
    url_name = "syndication:tag_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag):
        return f"{settings.NEWSROOM_SITE_NAME}: {tag.name}"

    def link(self, tag):
        return absolute_url(reverse("articles:tag", kwargs={"slug": tag.slug}))

    def description(self, tag):
        return f"The latest articles tagged {tag.name}."

    def items(self, tag):
        return self.articles().filter(tags=tag)[: settings.NEWSROOM_FEED_LENGTH]


class AuthorFeed(LatestArticlesFeed):
    url_name = "syndication:author_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, author):
        return f"{settings.NEWSROOM_SITE_NAME}: {author.name}"

    def link(self, author):
        return absolute_url(author.get_absolute_url())

    def description(self, author):
        return f"The latest articles by {author.name}."

    def items(self, author):
        return self.articles().filter(byline=author)[: settings.NEWSROOM_FEED_LENGTH]


class AtomFeed:
    """The same feed in Atom: the description becomes the subtitle."""

    feed_type = Atom1Feed

    def feed_url(self, obj=None):
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return absolute_url(reverse(f"{self.url_name}_atom", kwargs=kwargs))

    def subtitle(self, obj=None):
        return self.description(obj) if obj is not None else self.description()


class LatestArticlesAtomFeed(AtomFeed, LatestArticlesFeed):
    pass


class SectionAtomFeed(AtomFeed, SectionFeed):
    pass


class TagAtomFeed(AtomFeed, TagFeed):
    pass


class AuthorAtomFeed(AtomFeed, AuthorFeed):
    pass


class CorrectionsFeed(Feed):
    """The newest correction, clarification and update notes across the site."""

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: corrections"

    def link(self):
        return absolute_url(reverse("articles:corrections"))

    def feed_url(self):
        return absolute_url(reverse("syndication:corrections_feed"))

    def description(self):
        return (
            f"Corrections, clarifications and updates to {settings.NEWSROOM_SITE_NAME}'s articles."
        )

    def items(self):
        return Correction.objects.public().select_related("article")[
            : settings.NEWSROOM_FEED_LENGTH
        ]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at
