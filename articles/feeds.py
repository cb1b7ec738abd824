"""RSS feeds of published articles (the whole site and each section) and of corrections."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from articles.models import Article, Correction, Section

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    description_template = "articles/feeds/description.html"

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: latest news"

    def link(self):
        return reverse("articles:front")

    def description(self):
        return f"The latest published articles from {settings.NEWSROOM_SITE_NAME}."

    def articles(self):
        return Article.objects.published().select_related("section").prefetch_related("byline")

    def items(self):
        return self.articles().order_by("-publish_at")[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.byline.all()) or None

    def item_categories(self, item):
        return [item.section.name]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"{settings.NEWSROOM_SITE_NAME}: {section.name}"

    def link(self, section):
        return section.get_absolute_url()

    def description(self, section):
        return section.description or f"The latest {section.name} articles."

    def items(self, section):
        return self.articles().filter(section=section).order_by("-publish_at")[:FEED_LENGTH]


class CorrectionsFeed(Feed):
    """The newest correction, clarification and update notes across the site."""

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: corrections"

    def link(self):
        return reverse("articles:corrections")

    def description(self):
        return (
            f"Corrections, clarifications and updates to {settings.NEWSROOM_SITE_NAME}'s articles."
        )

    def items(self):
        return Correction.objects.public().select_related("article")[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at
