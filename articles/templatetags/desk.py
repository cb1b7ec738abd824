"""The desk's home page: each role's work first."""

from django import template
from django.conf import settings

from articles.models import Article, ArticleEvent
from articles.workflow import CHANGE_PERMISSION, PUBLISH_PERMISSION

register = template.Library()


@register.inclusion_tag("admin/articles/desk.html", takes_context=True)
def desk(context):
    """What awaits this person: review, the next day's schedule and recent work for editors;
    for reporters, what of theirs waits for review; for everyone who writes, what was sent
    back to them and their drafts."""
    user = context["request"].user
    if not user.has_perm(CHANGE_PERMISSION):
        return {"show": False}
    hours = settings.NEWSROOM_DESK_HOURS
    panels = {"show": True, "hours": hours}
    if user.has_perm(PUBLISH_PERMISSION):
        panels["awaiting_review"] = Article.objects.awaiting_review().select_related(
            "created_by", "updated_by"
        )[:20]
        panels["scheduled"] = Article.objects.scheduled_within(hours).select_related("section")[:20]
        panels["recently_live"] = Article.objects.recently_live(hours).select_related("section")[
            :20
        ]
    else:
        panels["waiting_for_review"] = Article.objects.waiting_for_review_from(user)[:20]
    panels["sent_back"] = sent_back = list(ArticleEvent.objects.sent_back_to(user)[:20])
    panels["own_drafts"] = (
        Article.objects.filter(created_by=user, status=Article.Status.DRAFT)
        .exclude(pk__in=[event.article_id for event in sent_back])
        .order_by("-updated_at")[:20]
    )
    return panels
