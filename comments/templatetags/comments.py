"""The comment section of a page, rendered by the comments app: `{% comment_section article %}`.

As django-contrib-comments' `render_comment_form`, the page that shows comments needs to
know nothing of how they are stored, posted or moderated.
"""

from django import template
from django.conf import settings
from django.utils.functional import SimpleLazyObject

from comments.forms import CommentForm
from pagecache.versions import article_version

register = template.Library()


@register.inclusion_tag("comments/includes/comments.html", takes_context=True)
def comment_section(context, article):
    """Approved comments on `article`, the reader's messages, and the comment form.

    The list and the form are rendered once and kept (`{% cache %}`) under the article's
    version, which every decision and every change of the article renews; the comments
    and the form are made only when the kept copy is missing.
    """
    return {
        "article": article,
        "comments": SimpleLazyObject(lambda: list(article.comments.approved())),
        "comment_form": SimpleLazyObject(lambda: CommentForm(article=article)),
        "messages": context.get("messages"),
        "section_version": SimpleLazyObject(lambda: article_version(article.pk)),
        "section_seconds": settings.NEWSROOM_PAGE_CACHE_SECONDS,
    }
