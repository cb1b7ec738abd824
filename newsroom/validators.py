"""Checks on dates people enter at the desk: only years the site can show.

A publish date of 01/01/0001 is a slip of the keyboard, and no archive page, feed or
time zone conversion could hold it; a ban until the year 9999 is "until lifted".
"""

from django.conf import settings
from django.core.exceptions import ValidationError


def desk_years():
    """The first and the last year a date entered at the desk may fall in."""
    return settings.NEWSROOM_EARLIEST_YEAR, settings.NEWSROOM_LATEST_YEAR


def validate_desk_date(value):
    """Refuse a date outside `desk_years()`, with the range in the message."""
    earliest, latest = desk_years()
    # The year as entered: converting year 1 to another time zone would overflow.
    if not earliest <= value.year <= latest:
        raise ValidationError(
            "Choose a date between %(earliest)s and %(latest)s.",
            code="date_out_of_range",
            params={"earliest": earliest, "latest": latest},
        )
