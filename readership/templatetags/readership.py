"""The article page's way to the most read list: the rail asks for it here, so the
articles app never imports readership."""

from django import template
from django.conf import settings

from readership.reads import most_read as most_read_articles

register = template.Library()


@register.simple_tag
def most_read(*, exclude=None):
    """The rail's most read live articles (`NEWSROOM_RAIL_LENGTH`), leaving out `exclude`."""
    return most_read_articles(
        limit=settings.NEWSROOM_RAIL_LENGTH, exclude=exclude.pk if exclude else None
    )
