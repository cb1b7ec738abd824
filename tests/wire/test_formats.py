"""Every format an agency sends gives the same story; hostile and broken files are refused."""

import json
import time

import pytest
from jsonschema import FormatChecker
from jsonschema.validators import validator_for

from tests.wire.conftest import FIXTURES, STORY_URI
from wire.formats import read

EVERY_FORMAT = [
    "story.ninjs1.json",
    "story.ninjs2.json",
    "story.ninjs3.json",
    "story.newsitem.xml",
    "story.newsmessage.xml",
    "story.rss.xml",
    "story.atom.xml",
]
# What every one of these formats carries.
SHARED_FIELDS = [
    "uri",
    "headline",
    "standfirst",
    "body",
    "byline",
    "located",
    "credit",
    "subjects",
    "copyright_notice",
    "language",
    "version_created",
    "pub_status",
]
# ...and what the agencies' own formats (ninjs, NewsML-G2) carry besides.
AGENCY_FIELDS = [
    *SHARED_FIELDS,
    "version",
    "urgency",
    "slugline",
    "copyright_holder",
    "usage_terms",
    "first_created",
]
# IPTC's published schema for each generation (wire/schemas/README.md).
SCHEMA_OF = {
    "story.ninjs1.json": "1.6",
    "story.ninjs2.json": "2.2",
    "embargo.ninjs2.json": "2.2",
    "story.ninjs3.json": "3.1",
    "story-v2.ninjs3.json": "3.1",
}


def story_in(name):
    reading = read((FIXTURES / name).read_bytes(), credit="Reuters")
    assert reading.errors == []
    [story] = reading.stories
    return story


def schema(release):
    return json.loads(
        (FIXTURES.parent.parent.parent / f"wire/schemas/ninjs-schema_{release}.json").read_text()
    )


def validator(release, **options):
    """IPTC's schema for `release`, checked by the JSON Schema draft it declares."""
    published = schema(release)
    return validator_for(published)(published, **options)


@pytest.mark.parametrize("name", EVERY_FORMAT)
def test_the_same_story_in_every_format_gives_the_same_wire_item_fields(name):
    reference = story_in("story.ninjs3.json")
    story = story_in(name)

    fields = AGENCY_FIELDS if "ninjs" in name or "news" in name else SHARED_FIELDS
    assert {f: getattr(story, f) for f in fields} == {f: getattr(reference, f) for f in fields}
    assert story.uri == STORY_URI
    assert story.located == "Ankara"
    assert story.body.startswith("<p>Turkey will not turn back")


@pytest.mark.parametrize("name", ["story.ninjs1.json", "story.ninjs2.json", "story.ninjs3.json"])
def test_a_picture_sent_with_the_story_keeps_its_caption_and_credit(name):
    [picture] = story_in(name).pictures

    assert picture.href == "ankara-central-bank.jpg"
    assert picture.caption.startswith("The Central Bank of the Republic of Turkey")
    assert picture.credit == "Cagla Gurdogan/Reuters"


def test_a_newsml_message_gives_its_picture_item_to_the_story_linking_it():
    [picture] = story_in("story.newsmessage.xml").pictures

    assert picture.href == "ankara-central-bank.jpg"
    assert picture.credit == "Cagla Gurdogan/Reuters"


@pytest.mark.parametrize("name", sorted(SCHEMA_OF))
def test_the_ninjs_fixtures_are_valid_against_their_generations_schema(name):
    checker = validator(SCHEMA_OF[name], format_checker=FormatChecker())

    errors = [
        error.message for error in checker.iter_errors(json.loads((FIXTURES / name).read_text()))
    ]

    assert errors == []


@pytest.mark.parametrize(
    ("name", "other_generation"),
    [("story.ninjs1.json", "2.2"), ("story.ninjs2.json", "3.1"), ("story.ninjs3.json", "2.2")],
)
def test_a_ninjs_file_is_not_valid_as_another_generation(name, other_generation):
    assert not validator(other_generation).is_valid(json.loads((FIXTURES / name).read_text()))


# IPTC's own examples of one story, in each generation (copied unchanged from IPTC's
# repository beside the schemas): a feed written to the specification, not to our reader.
IPTC_EXAMPLES = [
    (f"iptc-{kind}.ninjs{release}.json", release)
    for kind in ["simple", "complex"]
    for release in ["1.6", "2.2", "3.1"]
]


@pytest.mark.parametrize(("name", "release"), IPTC_EXAMPLES)
def test_iptcs_own_examples_are_read_as_the_same_story_in_every_generation(name, release):
    document = json.loads((FIXTURES / name).read_text())
    assert validator(release).is_valid(document)

    story = story_in(name)

    assert story.uri.startswith("http://ninjs.example.com/newsitems/20130709")
    assert story.headline == "Captain of wrecked cruise ship on trial in Italy"
    assert story.byline == "Paulo Santalucia and Frances d'Emilio"
    assert "The trial of the captain of the shipwrecked Costa Concordia" in story.body


@pytest.mark.parametrize("release", ["1.6", "2.2", "3.1"])
def test_the_schemas_are_json_schemas(release):
    published = schema(release)
    validator_for(published).check_schema(published)


@pytest.mark.parametrize("name", ["xxe.newsitem.xml", "billion-laughs.rss.xml"])
def test_hostile_xml_is_refused_at_once(name):
    started = time.perf_counter()
    reading = read((FIXTURES / name).read_bytes())
    took = time.perf_counter() - started

    assert reading.stories == []
    assert reading.errors == ["refused XML: DTDForbidden"]
    assert took < 0.5


def test_a_malformed_item_is_an_error_and_the_rest_of_the_file_is_read():
    reading = read((FIXTURES / "malformed.ninjs3.json").read_bytes())

    assert [story.headline for story in reading.stories] == [
        "Lira steady after central bank comments"
    ]
    assert reading.errors == [
        "item 2: an item without an identifier (uri, guid or id)",
        "item 3: not a ninjs object",
    ]


def test_script_and_event_handlers_in_agency_html_never_reach_the_copy():
    [story] = read((FIXTURES / "malformed.ninjs3.json").read_bytes()).stories

    assert "<script" not in story.body
    assert "alert" not in story.body
    assert "onerror" not in story.body
    assert "<img" not in story.body
    assert "Traders expect calm." in story.body


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ((FIXTURES / "truncated.ninjs2.json").read_bytes(), "malformed JSON"),
        (b"<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/'><itemMeta>", "malformed XML"),
        (b"<html><body>a web page</body></html>", "XML with a <html> root"),
        (b"\xff\xfe\x00binary", "not UTF-8 text"),
        (b"PK\x03\x04", "neither JSON nor XML"),
        (b"[[[[" * 5000, "malformed JSON"),
    ],
)
def test_a_file_that_is_no_story_is_one_error(data, error):
    reading = read(data)

    assert reading.stories == []
    assert len(reading.errors) == 1
    assert reading.errors[0].startswith(error)


def test_an_embargo_and_a_kill_are_read_from_the_agencys_status():
    embargoed = story_in("embargo.ninjs2.json")
    killed = story_in("story-kill.newsitem.xml")

    assert embargoed.embargoed_until.year == 2099
    assert killed.killed
    assert killed.version == 3


def test_the_body_loses_the_agencys_own_dateline_the_page_writes_its_own():
    story = story_in("embargo.ninjs2.json")

    assert story.body.startswith("<p>Turkey's economy grew")
    assert (
        story.standfirst
        == "Turkey's economy grew 2.1 percent in the third quarter, slower than expected."
    )
