"""The addresses other machines read: feeds, sitemaps and share cards. Each is where it
was before syndication became an app of its own."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from pagecache.decorators import public_page
from syndication import feeds, share_cards, sitemaps

app_name = "syndication"


def feed_paths(prefix, name, rss, atom):
    """The RSS feed at `<prefix>feed/` and its Atom twin at `<prefix>feed/atom/`."""
    return [
        path(f"{prefix}feed/", public_page(rss), name=name),
        path(f"{prefix}feed/atom/", public_page(atom), name=f"{name}_atom"),
    ]


urlpatterns = [
    path("sitemap.xml", public_page(sitemaps.index), name="sitemap"),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap),
        {"sitemaps": sitemaps.sitemaps},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", public_page(sitemaps.news_sitemap), name="news_sitemap"),
    path(
        "news/<int:news_id>/card/<str:shape>-<str:digest>.png",
        share_cards.share_card,
        name="share_card",
    ),
    *feed_paths("", "feed", feeds.LatestArticlesFeed(), feeds.LatestArticlesAtomFeed()),
    *feed_paths(
        "section/<slug:slug>/", "section_feed", feeds.SectionFeed(), feeds.SectionAtomFeed()
    ),
    *feed_paths("tag/<str:slug>/", "tag_feed", feeds.TagFeed(), feeds.TagAtomFeed()),
    *feed_paths("author/<slug:slug>/", "author_feed", feeds.AuthorFeed(), feeds.AuthorAtomFeed()),
    path("corrections/feed/", public_page(feeds.CorrectionsFeed()), name="corrections_feed"),
]
