"""The reader's pages: section, tag and author lists, search, and the article page.

The front page is the `frontpage` app's: editors arrange it."""

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views import View
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles import previews
from articles.models import Article, Author, Correction, Section
from articles.workflow import CHANGE_PERMISSION
from newsroom.readers import client_address


class ArticleListView(ListView):
    """Published articles, newest first, a page at a time; `kind` narrows the list."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    # A key of `LISTS`, given in the URLconf; None lists every live article.
    kind = None

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        articles = Article.objects.published().for_lists()
        if self.kind is None:
            return articles
        self.listing = LISTS[self.kind]
        self.subject = get_object_or_404(self.listing.model, slug=self.kwargs["slug"])
        return articles.filter(**{self.listing.filter: self.subject})

    def get_context_data(self, **kwargs):
        if self.kind is None:
            return super().get_context_data(**kwargs)
        listing, subject = self.listing, self.subject
        return super().get_context_data(
            list_title=subject.name,
            list_kicker=listing.kicker,
            list_description=getattr(subject, listing.description, ""),
            current_section=subject if listing.model is Section else None,
            feeds_of=subject,
            **kwargs,
        )


@dataclass(frozen=True)
class Listing:
    """One kind of list page: whose articles it lists, and what it says of them."""

    model: type
    filter: str  # the article's field that names them
    kicker: str = ""  # the small word over the list's title
    description: str = ""  # the field of `model` that describes it


# The section, tag and author pages differ only by this table.
LISTS = {
    "section": Listing(Section, "section", description="description"),
    "tag": Listing(Tag, "tags", kicker="Tag"),
    "author": Listing(Author, "byline", kicker="Author", description="bio"),
}


class SearchView(ArticleListView):
    """Live articles matching the reader's words, best match first."""

    template_name = "articles/search_results.html"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_SEARCH_RESULTS_PER_PAGE

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[: settings.NEWSROOM_SEARCH_MAX_LENGTH]
        return Article.objects.published().for_lists().search(self.query)

    def get_context_data(self, **kwargs):
        # The page links keep the reader's words.
        page_query = f"q={quote(self.query, safe='/')}&page="
        return super().get_context_data(query=self.query, page_query=page_query, **kwargs)


def article_page_context(article):
    """What the article page shows around the article itself: the rail and the section bar."""
    rail_size = settings.NEWSROOM_RAIL_LENGTH
    others = Article.objects.exclude(pk=article.pk)
    return {
        "latest": others.published().for_rails().order_by("-publish_at")[:rail_size],
        "most_commented": others.most_commented(days=settings.NEWSROOM_MOST_COMMENTED_DAYS)[
            :rail_size
        ],
        "current_section": article.section,
    }


class ArticleDetailView(DetailView):
    """The article page; staff who may change articles also see drafts and scheduled ones."""

    context_object_name = "article"
    slug_field = "news_id"
    slug_url_kwarg = "news_id"
    query_pk_and_slug = False
    allow_preview = True

    def is_preview(self):
        return self.allow_preview and self.request.user.has_perm(CHANGE_PERMISSION)

    def get_queryset(self):
        """What readers may see; staff may preview everything but withdrawn articles."""
        if self.is_preview():
            articles = Article.objects.exclude(status=Article.Status.WITHDRAWN)
        else:
            articles = Article.objects.published()
        return articles.for_article_page()

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            withdrawn = Article.objects.withdrawn().filter(news_id=kwargs["news_id"]).first()
            if withdrawn is None:
                raise
            # Gone for good, and said so: not a page that never existed.
            return TemplateResponse(
                request, "articles/article_withdrawn.html", {"article": withdrawn}, status=410
            )
        if kwargs.get("slug") != self.object.slug:
            # A shared link keeps what it asked for: a page of comments, a campaign tag.
            query = request.META.get("QUERY_STRING", "")
            url = self.object.get_absolute_url() + (f"?{query}" if query else "")
            return redirect(url, permanent=True)
        response = self.render_to_response(self.get_context_data())
        if self.is_preview():
            add_never_cache_headers(response)
        else:
            keep_until_comments_close(response, self.object)
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        try:
            thread = article.comments.thread(
                page=self.request.GET.get("comments"),
                order=self.request.GET.get("sort"),
                counted=article.comment_count,
            )
        except InvalidPage:
            raise Http404("No such page of comments.") from None
        # Read once each, for the story, the share cards and the structured data alike.
        tags = list(article.tags.all())
        return super().get_context_data(
            byline=list(article.byline.all()),
            tags=tags,
            corrections=list(article.corrections.all()),
            # Stories sharing a tag: none to look for when the article has no tags.
            related=Article.objects.published().related_to(article, tags)[
                : settings.NEWSROOM_RELATED_LENGTH
            ]
            if tags
            else [],
            comment_thread=thread,
            is_preview=not article.is_published(),
            **article_page_context(article),
            **kwargs,
        )


def keep_until_comments_close(response, article):
    """Ask that no copy of the page outlives the open comment form: caches keep it no
    later than the moment comments close by themselves."""
    close_at = article.comments_close_at()
    now = timezone.now()
    if close_at is not None and close_at > now:
        patch_cache_control(response, max_age=int((close_at - now).total_seconds()))


class CorrectionListView(ListView):
    """Every correction, clarification and update note on live articles, newest first."""

    template_name = "articles/correction_list.html"
    context_object_name = "corrections"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_CORRECTIONS_PER_PAGE

    def get_queryset(self):
        return Correction.objects.public().select_related("article__section")


class PreviewLinkView(View):
    """The copy a preview link keeps, as readers will see it, for anyone who has the link.

    Never cached and never indexed; an expired or revoked link answers 410 Gone. Each use is
    recorded with the keyed hash of the visitor's address.
    """

    def get(self, request, token):
        link = previews.link_for_token(token)
        if link is None:
            raise Http404("No such preview link.")
        if link.is_open():
            link.record_visit(visitor_hash=previews.visitor_hash(client_address(request)))
            article, byline, tags = previews.article_as_previewed(link)
            context = {
                "article": article,
                "byline": byline,
                "tags": tags,
                "corrections": list(article.corrections.all()) if link.revision_id else [],
                "preview_link": link,
                **article_page_context(article),
            }
            response = TemplateResponse(request, "articles/article_detail.html", context)
        else:
            # Closed: said in the site's frame, naming nothing of the article.
            response = TemplateResponse(request, "articles/preview_closed.html", status=410)
        # For the people it was sent to only: not for search engines, nor any cache.
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response
