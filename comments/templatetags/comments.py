"""The comment section of a page, rendered by the comments app: `{% comment_section article %}`.

As django-contrib-comments' `render_comment_form`, the page that shows comments needs to
know nothing of how they are stored, posted or moderated.
"""

from django import template

from comments.forms import CommentForm

register = template.Library()


@register.inclusion_tag("comments/includes/comments.html", takes_context=True)
def comment_section(context, article):
    """Approved comments on `article`, the reader's messages, and the comment form."""
    return {
        "article": article,
        "comments": list(article.comments.approved()),
        "comment_form": CommentForm(article=article),
        "messages": context.get("messages"),
    }
