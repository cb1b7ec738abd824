"""`{% agency_panel article %}`: on an article's form, what the wire desk knows of its story.

The article's form reaches the wire desk only through this tag: the agency's credit and
usage terms, a kill or embargo, and an update with its changes and "Apply update".
"""

from django import template

from wire.models import WireItem
from wire.updates import changes

register = template.Library()


@register.inclusion_tag("admin/wire/includes/agency_panel.html")
def agency_panel(article):
    if article is None or article.pk is None:
        return {"item": None}
    item = WireItem.objects.filter(article=article).select_related("provider").first()
    if item is None:
        return {"item": None}
    return {
        "item": item,
        "article": article,
        "story": item.current_version().story(),
        "changes": changes(item) if item.has_update() else [],
    }
