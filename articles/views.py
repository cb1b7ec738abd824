"""The reader's pages: front page, section, tag and author lists, and the article page."""

from functools import partial

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.views import View
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles import feeds, previews, readership
from articles.models import Article, Author, Correction, Section
from comments.views import client_address


class ArticleListView(ListView):
    """Published articles, newest first; subclasses narrow the list."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    cards_are_kept = True

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_ARTICLES_PER_PAGE

    def get_queryset(self):
        """What the list holds, newest first: enough to count and page it."""
        return Article.objects.published().order_by("-publish_at", "-news_id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.cards_are_kept:
            page = context["page_obj"]
            listed = self.object_list

            # The cards are a kept fragment: what they show (section, byline, comment
            # count) is looked up, and the lookup even built, only when they are made.
            def cards():
                if not page.paginator.count:
                    return []
                return list(listed.for_lists()[page.start_index() - 1 : page.end_index()])

            context[self.context_object_name] = page.object_list = SimpleLazyObject(cards)
        return context


class FrontPageView(ArticleListView):
    template_name = "articles/front_page.html"


class SectionView(ArticleListView):
    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            list_title=self.section.name,
            list_description=self.section.description,
            current_section=self.section,
            list_feeds=feeds.alternates(
                f"{settings.NEWSROOM_SITE_NAME}: {self.section.name}",
                "articles:section_feed",
                slug=self.section.slug,
            ),
            **kwargs,
        )


class TagView(ArticleListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            list_title=self.tag.name,
            list_kicker="Tag",
            list_feeds=feeds.alternates(
                f"{settings.NEWSROOM_SITE_NAME}: {self.tag.name}",
                "articles:tag_feed",
                slug=self.tag.slug,
            ),
            **kwargs,
        )


class AuthorView(ArticleListView):
    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().filter(byline=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            list_title=self.author.name,
            list_kicker="Author",
            list_description=self.author.bio,
            list_feeds=feeds.alternates(
                f"{settings.NEWSROOM_SITE_NAME}: {self.author.name}",
                "articles:author_feed",
                slug=self.author.slug,
            ),
            **kwargs,
        )


class SearchView(ArticleListView):
    """Live articles matching the reader's words, best match first."""

    template_name = "articles/search_results.html"
    # Results are not kept: they are read as found, in the order of their rank.
    cards_are_kept = False

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_SEARCH_RESULTS_PER_PAGE

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[: settings.NEWSROOM_SEARCH_MAX_LENGTH]
        return Article.objects.published().for_lists().search(self.query)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


def article_page_context(article):
    """What the article page shows around the article itself: the rail and the section bar.

    The rail is a kept fragment: its stories are looked up (and even the lookups built)
    only when it has to be made again.
    """
    rail_size = settings.NEWSROOM_RAIL_LENGTH
    days = settings.NEWSROOM_MOST_COMMENTED_DAYS

    def others():
        return Article.objects.exclude(pk=article.pk)

    def latest():
        return list(
            others().published().select_related("section").order_by("-publish_at")[:rail_size]
        )

    def most_commented():
        return list(others().most_commented(days=days)[:rail_size])

    return {
        "latest": SimpleLazyObject(latest),
        "most_read": SimpleLazyObject(
            partial(readership.most_read, limit=rail_size, exclude=article.pk)
        ),
        "most_commented": SimpleLazyObject(most_commented),
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
        return self.allow_preview and self.request.user.has_perm("articles.change_article")

    def get_queryset(self):
        """What staff may preview: everything but withdrawn articles. Readers' lookups go
        through `Article.objects.live()`."""
        # The byline and tags are read by the page's kept story fragment, only when it is made.
        return Article.objects.exclude(status=Article.Status.WITHDRAWN).select_related(
            "section", "lead_image"
        )

    def get_object(self, queryset=None):
        if self.is_preview():
            return super().get_object(queryset)
        try:
            return Article.objects.live(self.kwargs["news_id"], request=self.request)
        except Article.DoesNotExist:
            raise Http404("No such article.") from None

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
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        # The story and the rail are kept fragments: what they show is looked up (and even
        # the lookups built) only when a fragment has to be made again.
        return super().get_context_data(
            byline=SimpleLazyObject(lambda: list(article.byline.all())),
            tags=SimpleLazyObject(lambda: list(article.tags.all())),
            update_notes=SimpleLazyObject(lambda: list(article.events.public_notes())),
            corrections=SimpleLazyObject(lambda: list(article.corrections.all())),
            related=SimpleLazyObject(
                lambda: list(
                    Article.objects.published().related_to(article)[
                        : settings.NEWSROOM_RELATED_LENGTH
                    ]
                )
            ),
            is_preview=not self.object.is_published(),
            **article_page_context(self.object),
            **kwargs,
        )


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
            response = HttpResponse(
                "This preview link has expired or was revoked. Ask the editor for a new one.\n",
                status=410,
                content_type="text/plain; charset=utf-8",
            )
        # For the people it was sent to only: not for search engines, nor any cache.
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response
