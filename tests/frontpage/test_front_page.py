"""The front page readers see: the editors' lead and top stories, each section's newest
stories in a block, and Most read; and the editors' arranging of it in the admin."""

import pytest
from django.contrib.admin.models import LogEntry
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from frontpage.models import Arrangement
from tests.pages import card_headlines, card_html, texts, visible_text


def blocks(response):
    """Each section block's heading and headlines, in the page's order."""
    return texts(response, css_class="section-block")


def test_without_an_arrangement_the_newest_stories_lead(client, news):
    response = client.get("/")

    assert card_headlines(response) == ["Story 1", "Story 2", "Story 3", "Story 4", "Story 5"]
    assert texts(response, css_class="section-block-heading") == ["World", "Business"]
    assert "Story 7" in blocks(response)[0]
    assert "Story 6" in blocks(response)[1]


def test_an_editors_arrangement_changes_what_readers_see_first(client, news, editor, arrange):
    arrange(editor, news[6], news[4])

    response = client.get("/")

    assert card_headlines(response) == ["Story 7", "Story 5", "Story 1", "Story 2", "Story 3"]
    # Every World story is at the top: its block would repeat them, so it is left out.
    assert texts(response, css_class="section-block-heading") == ["Business"]
    assert "Story 4" in blocks(response)[0] and "Story 6" in blocks(response)[0]


def test_a_slot_left_empty_shows_the_newest_story_not_arranged(client, news, editor, arrange):
    arrange(editor, None, news[6], None, news[5])

    assert card_headlines(client.get("/")) == [
        "Story 1",
        "Story 7",
        "Story 2",
        "Story 6",
        "Story 3",
    ]


@pytest.mark.parametrize("verb", ["withdraw", "unpublish"])
def test_an_arranged_story_taken_off_the_site_leaves_its_slot_to_the_newest(
    client, news, editor, arrange, verb
):
    arrange(editor, news[6], news[5])
    client.get("/")

    getattr(news[6], verb)(by=editor, reason="Legal advice")

    response = client.get("/")
    assert card_headlines(response)[:3] == ["Story 1", "Story 6", "Story 2"]
    assertNotContains(response, "Story 7")


def test_a_reporter_cannot_arrange_the_front_page(client, news, reporter, arrange):
    client.force_login(reporter)
    assert client.get("/admin/frontpage/arrangement/add/").status_code == 403
    client.logout()

    assert arrange(reporter, news[6]).status_code == 403

    assert not Arrangement.objects.exists()
    assert card_headlines(client.get("/"))[0] == "Story 1"


def test_each_arrangement_is_recorded_with_who_made_it_and_when(client, news, editor, arrange):
    arrange(editor, news[6], None, news[4])

    arrangement = Arrangement.objects.get()
    assert arrangement.arranged_by == editor
    assert [(slot.position, slot.article.headline) for slot in arrangement.slots.all()] == [
        (0, "Story 7"),
        (2, "Story 5"),
    ]
    assert LogEntry.objects.get().user == editor
    client.force_login(editor)
    history = visible_text(client.get("/admin/frontpage/arrangement/"))
    assert "Lead story: Story 7 · Top story 2: Story 5" in history
    assert "editor" in history


def test_the_arranging_form_shows_the_current_arrangement_and_says_what_happened(
    client, news, editor, arrange
):
    arrange(editor, news[6])
    client.force_login(editor)

    response = client.post(
        "/admin/frontpage/arrangement/add/",
        {"slot_0": news[5].pk, "slot_1": news[6].pk, **{f"slot_{n}": "" for n in range(2, 5)}},
        follow=True,
    )

    assertContains(response, "The front page is arranged; readers see it now.")
    assertContains(response, '<a href="/">View it</a>', html=True)
    form = response.context["form"]
    assert [form[f"slot_{n}"].value() for n in range(3)] == [news[5].pk, news[6].pk, None]


def test_the_same_story_twice_or_a_draft_is_refused_beside_its_slot(
    client, news, editor, make_article
):
    draft = make_article(headline="Not yet", status=Article.Status.DRAFT)
    client.force_login(editor)

    response = client.post(
        "/admin/frontpage/arrangement/add/",
        {
            "slot_0": news[6].pk,
            "slot_1": news[6].pk,
            "slot_2": draft.pk,
            "slot_3": "",
            "slot_4": "",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "slot_1": ["This story is already in a slot above."],
        "slot_2": ["Select a valid choice. That choice is not one of the available choices."],
    }
    assert not Arrangement.objects.exists()


def test_the_arrangement_shows_at_once_through_the_page_cache(client, news, editor, arrange):
    assert card_headlines(client.get("/"))[0] == "Story 1"
    assert card_headlines(client.get("/"))[0] == "Story 1"

    arrange(editor, news[6])

    assert card_headlines(client.get("/"))[0] == "Story 7"


def test_most_read_is_in_the_front_pages_rail(client, news, read):
    read(news[3], news[3])
    read(news[5])

    response = client.get("/")

    assert texts(response, css_class="rail-list") == ["Most read Business Story 4 Business Story 6"]


def test_a_card_without_a_picture_is_a_text_card(client, news, make_picture):
    Article.objects.filter(pk=news[1].pk).update(lead_image=make_picture())

    lead, pictured, text_only, *_ = card_html(client.get("/"))

    assert "<img" in pictured and "<img" not in text_only
    html = client.get("/").content.decode()
    assert html.count('class="card-story card-story-text-only"') == 3
    assert html.count('class="card-story card-story-lead card-story-text-only"') == 1


def test_each_section_block_holds_the_sections_newest_few(client, make_article, section, settings):
    settings.NEWSROOM_FRONT_SECTION_LENGTH = 3
    for n in range(10):
        make_article(headline=f"World story {n}")

    (block,) = blocks(client.get("/"))

    assert block.count("World story") == 3


def test_an_empty_site_says_so(client, db):
    assertContains(client.get("/"), "No articles here yet.")


# The arranged stories; the newest to fill the slots; the sections (for their blocks and
# the section bar alike) and their newest stories; Most read (when anything was read);
# the next scheduled publication, for the page cache.
FRONT_PAGE_QUERIES = 6


def test_the_front_page_takes_a_fixed_number_of_queries(
    client,
    news,
    editor,
    arrange,
    read,
    make_article,
    make_section,
    make_comment,
    make_picture,
    django_assert_num_queries,
):
    arrange(editor, news[6], None, news[2])
    read(news[0], news[1])
    with django_assert_num_queries(FRONT_PAGE_QUERIES):
        client.get("/?first")

    for n in range(6):
        story = make_article(
            section=make_section(f"Section {n}", order=n + 3),
            lead_image=make_picture(width=40, height=30) if n % 2 else None,
        )
        make_comment(story, status="approved")
    arrange(editor, *news[:5])
    read(*news)
    with django_assert_num_queries(FRONT_PAGE_QUERIES):
        response = client.get("/?again")
    assert len(texts(response, css_class="section-block")) == 8

    with django_assert_num_queries(0):
        assert client.get("/?again").status_code == 200


@pytest.mark.parametrize("value", ["a\x00b", "99999999999999999999", "x" * 100_000, "-1"])
def test_hostile_values_in_a_slot_are_refused_not_an_error(client, news, editor, value):
    client.force_login(editor)

    response = client.post(
        "/admin/frontpage/arrangement/add/",
        {"slot_0": value, **{f"slot_{n}": "" for n in range(1, 5)}},
    )

    assert response.status_code == 200
    assert "slot_0" in response.context["form"].errors
    assert not Arrangement.objects.exists()


def test_the_editors_admin_home_leads_straight_to_arranging_the_front_page(
    client, editor, reporter
):
    client.force_login(editor)
    home = client.get("/admin/")

    assert texts(home, css_class="front-page-desk") == [
        "Front page Arrange the front page View it as readers do"
    ]
    assertContains(home, 'href="/admin/frontpage/arrangement/add/" class="button"')
    assert client.get("/admin/frontpage/arrangement/add/").status_code == 200

    client.force_login(reporter)
    assertNotContains(client.get("/admin/"), "Arrange the front page")
