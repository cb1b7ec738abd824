"""The site's own time filters write exactly what Django's `date` filter writes."""

from datetime import UTC, datetime

import pytest
from django.template import engines


@pytest.mark.parametrize("zone", ["UTC", "Europe/Istanbul", "America/St_Johns"])
@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 3, 14, 9, 26, tzinfo=UTC),
        datetime(2021, 12, 31, 23, 59, 59, 123456, tzinfo=UTC),
        datetime(2026, 1, 1, 0, 5, tzinfo=UTC),
    ],
)
def test_list_times_read_as_the_date_filter_writes_them(settings, zone, moment):
    settings.TIME_ZONE = zone
    page = engines["django"].from_string(
        "{% load times %}{{ when|iso_time }}|{{ when|date:'c' }}"
        "|{{ when|date_and_time }}|{{ when|date:'d F Y - H:i' }}"
    )

    iso, expected_iso, text, expected_text = page.render({"when": moment}).split("|")

    assert (iso, text) == (expected_iso, expected_text)


def test_no_time_reads_as_nothing():
    page = engines["django"].from_string(
        "{% load times %}[{{ when|iso_time }}{{ when|date_and_time }}]"
    )

    assert page.render({"when": None}) == "[]"


def test_the_site_writes_a_date_alone_and_a_day_as_the_masthead_does():
    page = engines["django"].from_string(
        "{% load times %}{{ when|date_alone }}|{{ when|day }}|{{ none|date_alone }}{{ none|day }}"
    )

    written = page.render({"when": datetime(2026, 12, 4, 9, 5, tzinfo=UTC), "none": None})

    assert written == "04 December 2026|Friday 04 December 2026|"
