"""How the public site writes a moment: one format for a date and time ("12 February 2021
- 21:57"), one for a date alone ("12 February 2021"), and the masthead's day ("Friday 12
February 2021") for headings that name a day. Pages and code use these filters (or the
format strings below with `django.utils.dateformat.format`), never a format of their own.

The desk's admin keeps its own one format (newsroom/formats/en_GB/formats.py).

`iso_time` and `date_and_time` write the same text as Django's `date` filter with `"c"`
and `"d F Y - H:i"`, at a fraction of its cost (the filter looks up the language's
formats and parses the format string on every call; a page of 50 comments asks 100 times).

    {% load times %}<time datetime="{{ when|iso_time }}" title="{{ when|date_and_time }}">
"""

from django import template
from django.utils.dateformat import format as format_moment
from django.utils.dates import MONTHS

register = template.Library()

DATE_AND_TIME = "d F Y - H:i"
DATE_ALONE = "d F Y"
DAY = "l d F Y"


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


@register.filter(expects_localtime=True)
def date_alone(moment):
    """ "14 March 2025": a date without its time."""
    return format_moment(moment, DATE_ALONE) if moment else ""


@register.filter(expects_localtime=True)
def day(moment):
    """ "Friday 14 March 2025": a day named as the masthead names today."""
    return format_moment(moment, DAY) if moment else ""
