"""What the article screens read from an address or a posted form, read safely."""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList


class DateSafeChangeList(ChangeList):
    """A date-hierarchy link edited into a year Python cannot hold is a bad link, not a crash."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise admin.options.IncorrectLookupParameters(error) from error


def posted_number(value):
    """A posted id as a number; anything else names no row."""
    return int(value) if value.isdigit() and len(value) < 10 else 0
