"""The article's kept versions: the history list, one version in the form, two compared."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from reversion.models import Version

from articles import history
from articles.admin.addresses import posted_number
from articles.models import Article, Author, Section
from images.models import LibraryImage


class ArticleHistoryMixin:
    """For `ArticleAdmin`: going back to an earlier version, and comparing two."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Show an earlier version in the form; saving it is a correction like any other.

        Its copy comes back; the article's state (live, scheduled, draft) stays as it is
        now, and the form carries today's version, so only a later save is refused.
        """
        article = get_object_or_404(Article, pk=posted_number(unquote(object_id)))
        get_object_or_404(Version, pk=posted_number(version_id), object_id=str(article.pk))
        if request.method != "POST":
            request.current_article_state = {
                "status": article.status,
                "publish_at": article.publish_at,
                "version": article.version,
            }
            return super().revision_view(request, object_id, version_id, extra_context)
        with self.create_revision(request):
            return self.changeform_view(request, object_id, extra_context=extra_context)

    object_history_template = "admin/articles/article/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        """The kept versions, newest first, with two to pick for comparing."""
        versions = Version.objects.get_for_object_reference(
            Article, unquote(object_id)
        ).select_related("revision__user")
        return super().history_view(
            request, object_id, {**(extra_context or {}), "versions": versions}
        )

    def compare_view(self, request, object_id):
        """Two kept versions side by side, the words that changed marked."""
        article = get_object_or_404(Article, pk=posted_number(unquote(object_id)))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        wanted = [
            posted_number(request.GET.get("old", "")),
            posted_number(request.GET.get("new", "")),
        ]
        versions = sorted(
            Version.objects.get_for_object(article)
            .filter(pk__in=wanted)
            .select_related("revision__user"),
            key=lambda version: version.pk,
        )
        if len(versions) != 2:
            raise Http404("Pick two versions of this article.")
        older, newer = versions
        ids = {older.field_dict.get("section_id"), newer.field_dict.get("section_id")}
        author_ids = {
            int(pk) for version in versions for pk in version.field_dict.get("byline") or []
        }
        picture_ids = {older.field_dict.get("lead_image_id"), newer.field_dict.get("lead_image_id")}
        changed, unchanged = history.compare(
            older,
            newer,
            sections=dict(Section.objects.filter(pk__in=ids).values_list("pk", "name")),
            authors=dict(Author.objects.filter(pk__in=author_ids).values_list("pk", "name")),
            pictures={p.pk: str(p) for p in LibraryImage.objects.filter(pk__in=picture_ids)},
        )
        return TemplateResponse(
            request,
            "admin/articles/article/compare.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Compare versions: {article}",
                "article": article,
                "older": older,
                "newer": newer,
                "changed": changed,
                "unchanged": unchanged,
                "opts": self.model._meta,
            },
        )

    def recoverlist_view(self, request, extra_context=None):
        raise Http404("Deleted articles are not recovered here.")

    def recover_view(self, request, version_id, extra_context=None):
        raise Http404("Deleted articles are not recovered here.")
