"""`time_ago`, beside each comment: timesince's words, largest unit only, and "ago"."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.timesince import timesince

from comments.templatetags.comments import time_ago

AGES = [
    timedelta(seconds=-90),  # a clock a little ahead: "0 minutes ago", as timesince says
    timedelta(seconds=30),
    timedelta(minutes=1),
    timedelta(minutes=59, seconds=59),
    timedelta(hours=1),
    timedelta(hours=23, minutes=59),
    timedelta(days=1),
    timedelta(days=6, hours=23),
    timedelta(days=7),
    timedelta(days=27, hours=23),
    timedelta(days=28),  # from here on timesince counts months itself
    timedelta(days=45),
    timedelta(days=400),
]


@pytest.mark.parametrize("age", AGES)
@pytest.mark.parametrize("language", ["en-gb", "de"])
def test_time_ago_says_what_timesince_says_of_the_largest_unit(age, language):
    moment = timezone.now() - age

    with translation.override(language):
        assert time_ago(moment) == f"{timesince(moment, depth=1)} ago"


def test_time_ago_counts_hours_as_readers_read_them():
    assert time_ago(timezone.now() - timedelta(hours=3, minutes=5)) == "3\xa0hours ago"
    assert time_ago(timezone.now() - timedelta(hours=1)) == "1\xa0hour ago"
