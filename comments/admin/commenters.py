"""The commenter's page: every comment from the same email or address, newest first.

Opened from a queue row's record, it shows a moderator who they are reading (what else
this person wrote, on which articles, and what became of it) and bans them from there.
Only moderators see it: it groups a commenter's comments by their hidden email and
address, which editors never see.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path

from comments.forms import BanForm
from comments.models import Ban, Comment
from comments.permissions import BAN_PERMISSION, MODERATE_PERMISSION

REFUSED = "Only moderators may see a commenter's comments."


class CommenterView:
    """The comment admin's commenter view, reached by any one of the commenter's comments."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/commenter/",
                self.admin_site.admin_view(self.commenter_view),
                name="comments_comment_commenter",
            ),
            *super().get_urls(),
        ]

    def commenter_view(self, request, object_id):
        # Refused before the comment is looked up: the answer never tells whether it exists.
        if not request.user.has_perm(MODERATE_PERMISSION):
            raise PermissionDenied(REFUSED)
        comment = self.get_object(request, object_id)
        if comment is None:
            raise Http404("No such comment.")
        comments = Comment.objects.from_commenter_of(comment)
        by_status = dict(
            comments.order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        paginator = Paginator(
            comments.select_related("article").order_by("-created_at", "-pk"),
            settings.COMMENTS_QUEUE_PAGE_SIZE,
        )
        # The counts by status add up to the whole: no second count for the pages.
        paginator.count = sum(by_status.values())
        page = paginator.get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Commenter: {comment.display_name}",
            "comment": comment,
            "page": page,
            "counts": [
                (label, by_status.get(status, 0)) for status, label in Comment.Status.choices
            ],
            "total": paginator.count,
            "bans": Ban.objects.active().filter(
                key__in=[key for key in (comment.email_hash, comment.ip_hash) if key]
            ),
            "ban_form": BanForm(comment=None, auto_id="id_%s"),
            "may_ban": request.user.has_perm(BAN_PERMISSION),
        }
        return TemplateResponse(request, "admin/comments/comment/commenter.html", context)
