from django.urls import path, register_converter

from articles import archives, feeds, readership, share_cards, views
from frontpage.views import FrontPageView
from pagecache.decorators import public_page

app_name = "articles"


class FourDigits:
    """A year as four digits: one address per archive page. Years from 1000 to 2999 only:
    the day after 31 December 9999 is no date at all."""

    regex = "[12][0-9]{3}"
    width = 4

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):0{self.width}d}"


class TwoDigits(FourDigits):
    """A month or day as two digits, `03` never `3`."""

    regex = "[0-9]{2}"
    width = 2


register_converter(FourDigits, "yyyy")
register_converter(TwoDigits, "dd")


def feed_paths(prefix, name, rss, atom):
    """The RSS feed at `<prefix>feed/` and its Atom twin at `<prefix>feed/atom/`."""
    return [
        path(f"{prefix}feed/", public_page(rss), name=name),
        path(f"{prefix}feed/atom/", public_page(atom), name=f"{name}_atom"),
    ]


urlpatterns = [
    path("", public_page(FrontPageView.as_view()), name="front"),
    path(
        "news/<int:news_id>/", public_page(views.ArticleDetailView.as_view()), name="detail_short"
    ),
    path(
        "news/<int:news_id>/<str:slug>/",
        public_page(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    path(
        "news/<int:news_id>/card/<str:shape>-<str:digest>.png",
        share_cards.share_card,
        name="share_card",
    ),
    path("read/<int:news_id>/", readership.count_read, name="count_read"),
    path(
        "section/<slug:slug>/",
        public_page(views.ArticleListView.as_view(kind="section")),
        name="section",
    ),
    path("tag/<str:slug>/", public_page(views.ArticleListView.as_view(kind="tag")), name="tag"),
    path(
        "author/<slug:slug>/",
        public_page(views.ArticleListView.as_view(kind="author")),
        name="author",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("archive/", public_page(archives.ArchiveIndex.as_view()), name="archive"),
    path("archive/<yyyy:year>/", public_page(archives.YearArchive.as_view()), name="archive_year"),
    path(
        "archive/<yyyy:year>/<dd:month>/",
        public_page(archives.MonthArchive.as_view()),
        name="archive_month",
    ),
    path(
        "archive/<yyyy:year>/<dd:month>/<dd:day>/",
        public_page(archives.DayArchive.as_view()),
        name="archive_day",
    ),
    *feed_paths("", "feed", feeds.LatestArticlesFeed(), feeds.LatestArticlesAtomFeed()),
    *feed_paths(
        "section/<slug:slug>/", "section_feed", feeds.SectionFeed(), feeds.SectionAtomFeed()
    ),
    *feed_paths("tag/<str:slug>/", "tag_feed", feeds.TagFeed(), feeds.TagAtomFeed()),
    *feed_paths("author/<slug:slug>/", "author_feed", feeds.AuthorFeed(), feeds.AuthorAtomFeed()),
    # Never a public page: each preview is for the people it was sent to.
    path("preview/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
    path("corrections/", public_page(views.CorrectionListView.as_view()), name="corrections"),
    path("corrections/feed/", public_page(feeds.CorrectionsFeed()), name="corrections_feed"),
]
