from django.urls import path

from articles import feeds, views
from pagecache.decorators import public_page

app_name = "articles"

urlpatterns = [
    path("", public_page(views.FrontPageView.as_view()), name="front"),
    path(
        "news/<int:news_id>/", public_page(views.ArticleDetailView.as_view()), name="detail_short"
    ),
    path(
        "news/<int:news_id>/<str:slug>/",
        public_page(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    path("section/<slug:slug>/", public_page(views.SectionView.as_view()), name="section"),
    path("tag/<str:slug>/", public_page(views.TagView.as_view()), name="tag"),
    path("author/<slug:slug>/", public_page(views.AuthorView.as_view()), name="author"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", public_page(feeds.LatestArticlesFeed()), name="feed"),
    path("section/<slug:slug>/feed/", public_page(feeds.SectionFeed()), name="section_feed"),
    # Never a public page: each preview is for the people it was sent to.
    path("preview/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
    path("corrections/", public_page(views.CorrectionListView.as_view()), name="corrections"),
    path("corrections/feed/", public_page(feeds.CorrectionsFeed()), name="corrections_feed"),
]
