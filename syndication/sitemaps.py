"""Sitemaps for search engines: live articles and the section pages, under an index with
each sitemap's last change, and the Google News sitemap of the last days' articles.

Every address is on the site's own (`NEWSROOM_SITE_URL`). A withdrawn or unpublished
article leaves them all with the page cache's next version: they start from `published()`.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from articles.querysets import published_q
from newsroom.site import absolute_url


class SiteSitemap(Sitemap):
    """Addresses on the site's own scheme and host."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.NEWSROOM_SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.NEWSROOM_SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    changefreq = "hourly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .only("news_id", "slug", "updated_at", "publish_at")
            .order_by("-publish_at", "-news_id")
        )

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        # A section page changes when one of its live articles does.
        return Section.objects.annotate(
            last_change=Max("articles__updated_at", filter=published_q("articles__"))
        ).order_by("order", "name")

    def lastmod(self, section):
        return section.last_change

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


sitemaps = {"articles": ArticleSitemap, "sections": SectionSitemap}


def index(request):
    """The sitemap index: each sitemap (and each page of it) with its last change."""
    entries = []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("syndication:sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def news_articles():
    """The Google News sitemap's articles: live, from the last days, newest first."""
    since = timezone.now() - timedelta(days=settings.NEWSROOM_NEWS_SITEMAP_DAYS)
    return (
        Article.objects.published()
        .filter(publish_at__gte=since)
        .only("news_id", "slug", "headline", "publish_at")
        .order_by("-publish_at", "-news_id")[: settings.NEWSROOM_NEWS_SITEMAP_LENGTH]
    )


def news_sitemap(request):
    """`/news-sitemap.xml`, by the Google News sitemap protocol."""
    return TemplateResponse(
        request,
        "syndication/sitemaps/news.xml",
        {
            "articles": news_articles(),
            "publication_name": settings.NEWSROOM_SITE_NAME,
            "language": settings.NEWSROOM_LANGUAGE,
        },
        content_type="application/xml",
    )
