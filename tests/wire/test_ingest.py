"""Ingest: each file read once, one item per story with every version, kills and errors kept."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.wire.conftest import FIXTURES, STORY_URI
from wire import ingest
from wire.models import IngestRun, Provider, ReadFile, WireItem

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)", re.IGNORECASE)


def test_a_new_story_becomes_a_wire_item_with_its_first_version(deliver, provider):
    tally = deliver("story.ninjs3.json")

    assert tally.summary() == "1 new, 0 updated, 0 unchanged, 0 killed, 0 errors"
    item = WireItem.objects.get()
    assert (item.provider, item.uri, item.version_label()) == (provider, STORY_URI, 1)
    assert item.headline == "Turkey will not turn back from tight policy, central bank chief says"
    assert (item.located, item.slugline, item.urgency) == ("Ankara", "TURKEY-CENBANK/", 3)
    assert item.state() == "New"
    assert item.versions.count() == 1
    assert IngestRun.objects.get().new == 1


def test_a_second_run_with_nothing_new_writes_nothing(deliver, provider):
    deliver("story.ninjs3.json", "embargo.ninjs2.json", "story.rss.xml")

    with CaptureQueriesContext(connection) as queries:
        tally = ingest.run(provider)

    assert tally.summary() == "0 new, 0 updated, 0 unchanged, 0 killed, 0 errors"
    assert [q["sql"] for q in queries.captured_queries if WRITES.match(q["sql"])] == []
    assert IngestRun.objects.count() == 1


def test_a_file_read_before_is_not_read_again_even_under_another_name(deliver, provider):
    deliver("story.ninjs3.json")

    tally = deliver("story.ninjs3.json=copy-of-the-story.json")

    assert tally.summary() == "0 new, 0 updated, 0 unchanged, 0 killed, 0 errors"
    assert ReadFile.objects.count() == 1


def test_a_newer_version_updates_the_item_and_keeps_the_first(deliver):
    deliver("story.ninjs3.json")

    tally = deliver("story-v2.ninjs3.json")

    assert tally.summary() == "0 new, 1 updated, 0 unchanged, 0 killed, 0 errors"
    item = WireItem.objects.get()
    assert item.version_label() == 2
    assert item.headline.endswith("until inflation falls, central bank chief says")
    assert list(item.versions.values_list("agency_version", flat=True)) == [2, 1]


def test_receiving_version_2_after_version_3_keeps_version_3(deliver):
    deliver("story-kill.newsitem.xml")

    tally = deliver("story-v2.ninjs3.json")

    item = WireItem.objects.get()
    assert tally.summary() == "0 new, 0 updated, 1 unchanged, 0 killed, 0 errors"
    assert item.version_label() == 3
    assert item.is_killed()
    assert item.versions.count() == 2


def test_the_same_story_in_another_format_adds_nothing(deliver):
    deliver("story.ninjs3.json")

    tally = deliver("story.ninjs2.json")

    assert tally.summary() == "0 new, 0 updated, 1 unchanged, 0 killed, 0 errors"
    assert WireItem.objects.get().versions.count() == 1


def test_an_rss_item_with_no_dates_is_routed_once_not_on_every_poll(provider, drop_folder):
    dateless = (
        (FIXTURES / "story.rss.xml")
        .read_text()
        .replace("<pubDate>Sun, 05 Jan 2025 09:30:00 GMT</pubDate>", "")
    )
    (drop_folder / "feed.xml").write_text(dateless)
    ingest.run(provider)
    # The feed is written again (a new item added at the top), the old item as it was.
    extra = "<item><guid>tag:reuters.com,2025:other</guid><title>Other story</title></item>"
    (drop_folder / "feed.xml").write_text(dateless.replace("<item>", extra + "<item>", 1))

    tally = ingest.run(provider)

    assert tally.summary() == "1 new, 0 updated, 1 unchanged, 0 killed, 0 errors"
    assert WireItem.objects.get(uri=STORY_URI).versions.count() == 1


def test_a_kill_marks_the_item_killed(deliver):
    deliver("story.newsitem.xml")

    tally = deliver("story-kill.newsitem.xml")

    item = WireItem.objects.get()
    assert tally.killed == 1
    assert item.state() == "Killed"
    assert item.pub_status == "canceled"


def test_an_item_past_its_expiry_is_killed(deliver, provider):
    deliver("story.ninjs3.json")
    WireItem.objects.update(expires=timezone.now() - timedelta(minutes=1))

    tally = ingest.run(provider)

    assert tally.killed == 1
    assert WireItem.objects.get().is_killed()


def test_an_embargoed_item_says_until_when(deliver):
    deliver("embargo.ninjs2.json")

    assert WireItem.objects.get().state() == "Embargoed until 1 Jan 2099, 06:00 GMT"


def test_hostile_and_malformed_files_are_errors_on_the_provider_and_the_run_goes_on(
    deliver, provider
):
    tally = deliver(
        "xxe.newsitem.xml",
        "billion-laughs.rss.xml",
        "malformed.ninjs3.json",
        "truncated.ninjs2.json",
        "story.ninjs3.json",
    )

    assert tally.summary() == "2 new, 0 updated, 0 unchanged, 0 killed, 5 errors"
    assert set(WireItem.objects.values_list("headline", flat=True)) == {
        "Turkey will not turn back from tight policy, central bank chief says",
        "Lira steady after central bank comments",
    }
    provider.refresh_from_db()
    messages = IngestRun.objects.get().messages
    assert "xxe.newsitem.xml: refused XML: DTDForbidden" in messages
    assert "billion-laughs.rss.xml: refused XML: DTDForbidden" in messages
    assert "truncated.ninjs2.json: malformed JSON" in provider.last_error
    assert provider.last_error_at is not None
    # A broken file is recorded once, not again on every poll.
    assert ingest.run(provider).errors == 0


def test_a_file_over_the_size_limit_is_refused(deliver, settings):
    settings.WIRE_MAX_BYTES = 1000

    tally = deliver("story.ninjs3.json")

    assert tally.summary() == "0 new, 0 updated, 0 unchanged, 0 killed, 1 errors"
    assert "too large" in tally.messages[0]
    assert not WireItem.objects.exists()


def test_pictures_and_partial_uploads_in_the_folder_are_not_read_as_stories(deliver, drop_folder):
    (drop_folder / "upload.json.part").write_text("{")
    (drop_folder / ".hidden.json").write_text("{")

    tally = deliver("ankara-central-bank.jpg", "story.ninjs3.json")

    assert tally.summary() == "1 new, 0 updated, 0 unchanged, 0 killed, 0 errors"


def test_a_missing_drop_folder_is_an_error_not_a_crash(provider):
    provider.location = "/nonexistent/wire/folder"

    tally = ingest.run(provider)

    assert tally.errors == 1
    assert "drop folder cannot be read" in tally.messages[0]


def test_two_workers_never_read_one_provider_at_once(provider):
    with ingest.provider_lock(provider) as held:
        assert held
        assert ingest.run(provider) is None


def test_ingest_wire_makes_the_provider_on_first_use_and_prints_one_line(
    db, section, tmp_path, capsys
):
    (tmp_path / "story.json").write_bytes((FIXTURES / "story.ninjs3.json").read_bytes())

    call_command("ingest_wire", provider="afp", folder=str(tmp_path), credit="AFP")

    assert capsys.readouterr().out == "afp: 1 new, 0 updated, 0 unchanged, 0 killed, 0 errors\n"
    provider = Provider.objects.get(slug="afp")
    assert (provider.kind, provider.location, provider.credit) == ("folder", str(tmp_path), "AFP")


def test_ingest_wire_reads_every_active_provider(provider, drop_folder, capsys):
    (drop_folder / "story.json").write_bytes((FIXTURES / "story.ninjs3.json").read_bytes())
    Provider.objects.create(name="Idle", slug="idle", location="/nowhere", credit="X", active=False)

    call_command("ingest_wire")

    assert capsys.readouterr().out == "reuters: 1 new, 0 updated, 0 unchanged, 0 killed, 0 errors\n"


def test_a_feed_url_is_read_no_further_than_the_limit(provider, settings, monkeypatch):
    settings.WIRE_MAX_BYTES = 50
    provider.kind, provider.location = Provider.Kind.FEED, "https://feeds.example.com/wire.xml"
    body = (FIXTURES / "story.rss.xml").read_bytes()

    class Response:
        def __init__(self, *args, **kwargs):
            self.asked = None

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, amount):
            return body[:amount]

    monkeypatch.setattr("wire.ingest.urlopen", Response)

    tally = ingest.run(provider)

    assert tally.errors == 1
    assert "too large" in tally.messages[0]


def test_a_feed_url_is_read_and_not_again_when_unchanged(provider, monkeypatch):
    provider.kind, provider.location = Provider.Kind.FEED, "https://feeds.example.com/wire.xml"
    body = (FIXTURES / "story.atom.xml").read_bytes()

    class Response:
        def __init__(self, url, timeout):
            assert url == "https://feeds.example.com/wire.xml"

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, amount):
            return body[:amount]

    monkeypatch.setattr("wire.ingest.urlopen", Response)

    assert ingest.run(provider).new == 1
    assert ingest.run(provider).summary() == "0 new, 0 updated, 0 unchanged, 0 killed, 0 errors"


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://example.com/feed"])
def test_a_feed_address_must_be_http(provider, location):
    provider.kind, provider.location = Provider.Kind.FEED, location

    tally = ingest.run(provider)

    assert tally.errors == 1
    assert "must start with http" in tally.messages[0]
