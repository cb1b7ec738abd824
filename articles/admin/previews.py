"""The article's preview links screen: make one, revoke one, see who used them."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from articles.admin.addresses import posted_number
from articles.models import Article


class ArticlePreviewLinksMixin:
    """For `ArticleAdmin`: the preview links page."""

    def preview_links_view(self, request, object_id):
        """The article's preview links: make one, revoke one, and see who used them."""
        article = get_object_or_404(Article, pk=posted_number(unquote(object_id)))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        may_manage = self.has_publish_permission(request)
        if request.method == "POST":
            if not may_manage:
                raise PermissionDenied
            try:
                if "revoke" in request.POST:
                    link = get_object_or_404(
                        article.preview_links, pk=posted_number(request.POST["revoke"])
                    )
                    link.revoke(by=request.user)
                    self.message_user(request, "The preview link is revoked.", messages.SUCCESS)
                else:
                    article.make_preview_link(by=request.user)
                    self.message_user(
                        request, "A new preview link is ready: copy it below.", messages.SUCCESS
                    )
            except ValidationError as refusal:
                self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        return TemplateResponse(
            request,
            "admin/articles/article/preview_links.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Preview links: {article}",
                "article": article,
                "links": article.preview_links.select_related(
                    "created_by", "revoked_by", "revision"
                ).prefetch_related("visits"),
                "may_manage": may_manage,
                "opts": self.model._meta,
            },
        )
