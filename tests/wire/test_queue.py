"""The wire queue in the admin: what editors and reporters see, find and open."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.wire.conftest import FIXTURES
from wire.drafting import draft_from
from wire.models import Provider, WireItem

QUEUE = "/admin/wire/wireitem/"


@pytest.fixture
def queue(deliver, editor):
    """A morning's wire: a story fetched then updated, an embargo, a kill, a new one."""
    deliver("story.newsitem.xml", "embargo.ninjs2.json", "malformed.ninjs3.json")
    draft_from(WireItem.objects.get(slugline="TURKEY-CENBANK/"), by=editor)
    deliver("story-v2.ninjs3.json")
    return WireItem.objects.all()


def rows(response):
    return [item.headline for item in response.context["cl"].result_list]


def test_editors_and_reporters_see_the_queue_newest_first_with_each_state(
    client, editor, reporter, queue
):
    WireItem.objects.filter(slugline="TURKEY-LIRA/").update(
        received_at=timezone.now() - timedelta(hours=1)
    )
    for person in (editor, reporter):
        client.force_login(person)
        response = client.get(QUEUE)

        assert response.status_code == 200
        page = response.content.decode()
        assert rows(response)[0].endswith("until inflation falls, central bank chief says")
        assert "Updated since fetched" in page
        assert "Embargoed until 1 Jan 2099, 06:00 GMT" in page
        assert "TURKEY-LIRA/" in page


def test_moderators_do_not_see_the_wire(client, moderator, queue):
    client.force_login(moderator)

    assert client.get(QUEUE).status_code == 403


@pytest.mark.parametrize(
    ("state", "headlines"),
    [
        ("new", ["Lira steady after central bank comments"]),
        (
            "updated",
            [
                "Turkey will not turn back from tight policy until inflation falls, central bank chief says"
            ],
        ),
        ("embargoed", ["Turkish growth slows as tight policy bites"]),
        ("killed", []),
        ("fetched", []),
    ],
)
def test_the_queue_filters_by_state(client, editor, queue, state, headlines):
    client.force_login(editor)

    assert rows(client.get(QUEUE, {"state": state})) == headlines


def test_the_queue_filters_by_provider_and_searches_headlines(client, editor, queue, provider):
    other = Provider.objects.create(name="AFP", slug="afp", location="/x", credit="AFP")
    client.force_login(editor)

    assert len(rows(client.get(QUEUE, {"provider__id__exact": provider.pk}))) == 3
    assert rows(client.get(QUEUE, {"provider__id__exact": other.pk})) == []
    assert rows(client.get(QUEUE, {"q": "lira"})) == ["Lira steady after central bank comments"]


def test_the_queue_shows_each_providers_health(client, editor, queue, provider):
    Provider.objects.filter(pk=provider.pk).update(
        last_item_at=timezone.now() - timedelta(hours=5), quiet_after_minutes=60
    )
    client.force_login(editor)

    page = client.get(QUEUE).content.decode()

    assert "gone quiet" in page
    assert "0 new, 1 updated, 0 unchanged, 0 killed, 0 errors" in page
    assert "malformed.ninjs3.json: item 2: an item without an identifier" in page


def test_the_queue_answers_in_the_same_number_of_queries_however_long(
    client, editor, queue, django_assert_num_queries
):
    client.force_login(editor)
    client.get(QUEUE)
    with django_assert_num_queries(8):
        client.get(QUEUE)
    for n in range(20):
        WireItem.objects.create(provider=queue[0].provider, uri=f"tag:x,2025:{n}", headline="More")

    with django_assert_num_queries(8):
        client.get(QUEUE)


def test_an_items_page_shows_its_sanitised_copy_metadata_and_versions(client, reporter, queue):
    client.force_login(reporter)
    lira = WireItem.objects.get(slugline="TURKEY-LIRA/")
    story = WireItem.objects.get(slugline="TURKEY-CENBANK/ (UPDATE 1)")

    lira_page = client.get(f"{QUEUE}{lira.pk}/change/").content.decode()
    story_page = client.get(f"{QUEUE}{story.pk}/change/").content.decode()

    assert '<span class="dateline">ISTANBUL (Reuters) – </span>The lira was steady' in lira_page
    assert "alert(" not in lira_page
    assert "onerror" not in lira_page
    assert "Fetch to draft" in lira_page
    assert "For use by licensed subscribers only." in story_page
    assert "Thomson Reuters" in story_page
    assert "Versions received" in story_page
    assert "2 (current)" in story_page
    assert "story.newsitem.xml" in story_page
    assert "Fetched to" in story_page


def test_an_editor_reads_a_provider_now_from_the_providers_list(
    client, editor, provider, drop_folder
):
    (drop_folder / "story.json").write_bytes((FIXTURES / "story.ninjs3.json").read_bytes())
    client.force_login(editor)

    response = client.post(
        "/admin/wire/provider/",
        {"action": "read_now", "_selected_action": [provider.pk]},
        follow=True,
    )

    assert (
        "Reuters: 1 new, 0 updated, 0 unchanged, 0 killed, 0 errors." in response.content.decode()
    )
    assert WireItem.objects.count() == 1


def test_reporters_see_providers_but_only_editors_change_them(client, editor, reporter, provider):
    client.force_login(reporter)
    assert client.get(f"/admin/wire/provider/{provider.pk}/change/").status_code == 200
    assert client.get("/admin/wire/provider/add/").status_code == 403
    client.force_login(editor)
    assert client.get("/admin/wire/provider/add/").status_code == 200
