"""How the site writes a moment in lists that show many: the same text as Django's `date`
filter with `"c"` and `"d F Y - H:i"`, at a fraction of its cost (the filter looks up the
language's formats and parses the format string on every call; a page of 50 comments
asks 100 times).

    {% load times %}<time datetime="{{ when|iso_time }}" title="{{ when|date_and_time }}">
"""

from django import template
from django.utils.dates import MONTHS

register = template.Library()


@register.filter(expects_localtime=True)
def iso_time(moment):
    """ISO 8601 in the site's time zone, as `date:"c"`."""
    return moment.isoformat() if moment else ""


@register.filter(expects_localtime=True)
def date_and_time(moment):
    """ "14 March 2025 - 09:26", as `date:"d F Y - H:i"`."""
    if not moment:
        return ""
    return (
        f"{moment.day:02d} {MONTHS[moment.month]} {moment.year:04d}"
        f" - {moment.hour:02d}:{moment.minute:02d}"
    )
