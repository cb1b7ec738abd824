from django.urls import path, register_converter

from articles import archives, views
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
    # Never a public page: each preview is for the people it was sent to.
    path("preview/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
    path("corrections/", public_page(views.CorrectionListView.as_view()), name="corrections"),
]
