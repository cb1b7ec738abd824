"""The article and front pages fit a phone and a desktop screen, with the site's own look."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.pages import (
    DESKTOP,
    PHONE,
    SHOTS,
    fits_the_screen,
    record_console_errors,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize(
        ("screen_name", "screen"),
        [
            pytest.param("phone", PHONE, id="phone"),
            pytest.param("desktop", DESKTOP, id="desktop"),
        ],
    ),
]
READING_WIDTH = 40 * 16  # --reading: 40rem at the browser's 16px root size

PARAGRAPHS = [
    "Turkey's central bank raised its main interest rate by 200 basis points to 19% on "
    "Thursday, its second increase in a month, as it tries to rein in inflation that has "
    "climbed above 15%.",
    "The move surprised most economists polled before the decision, who had expected the "
    "bank to hold rates steady after last month's rise and wait to see its effect.",
    "“Tight monetary policy will be maintained decisively until inflation falls to levels "
    "consistent with the target,” the bank said in a statement after its policy meeting.",
    "The lira firmed about 1% against the dollar after the announcement, recovering some "
    "of the ground it lost earlier in the week.",
    "Analysts said the decision signalled a clear break with the easing cycle of the past "
    "year, though several warned that a single rise would not be enough on its own.",
]


def jpeg(width, height, colour):
    buffer = BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def newsroom(section, make_section, make_article, make_author, make_picture):
    """A front page's worth of stories, the first a full article with image and comments."""
    sections = [section] + [
        make_section(name, order=order)
        for order, name in enumerate(
            ["Business", "Politics", "Technology", "Science", "Sport"], start=2
        )
    ]
    make_section("Culture and Arts", slug="culture", order=7)
    make_section("Opinion", order=8)
    story = make_article(
        headline="Turkey's central bank raises rates again to tame inflation",
        slug="turkey-central-bank-raises-rates-again",
        standfirst="The bank surprised markets with a second rise in a month, "
        "taking its main rate to 19%.",
        dateline="Ankara",
        source="Reuters",
        body="\n\n".join(PARAGRAPHS),
        section=sections[1],
        tags=["Turkey", "Interest rates", "Inflation"],
        byline=[make_author("Ayse Demir"), make_author("Jonah Feld")],
        lead_image=make_picture(
            ContentFile(jpeg(1600, 900, (70, 90, 120)), name="bank.jpg"),
            alt_text="The central bank's headquarters in Ankara",
            caption="The central bank's headquarters in Ankara.",
            credit="Photo: Newsroom",
        ),
        publish_at=timezone.now() - timedelta(minutes=20),
    )
    for name, body in [
        ("Kemal", "About time. Savers have been losing money for a year."),
        ("", "A second rise in a month will hurt small firms that borrow."),
    ]:
        Comment.objects.create(
            article=story, author_name=name, body=body, status=Comment.Status.APPROVED
        )
    for n, desk in enumerate(sections):
        # Every other card has a picture, as on a real front page.
        picture = {
            "lead_image": make_picture(
                ContentFile(jpeg(1200, 800, (150, 60 + 20 * n, 40)), "p.jpg"),
                alt_text="A picture",
            )
        }
        make_article(
            headline=f"{desk.name}: a headline long enough to wrap onto a second line",
            standfirst="A standfirst that sums up the story in a sentence or two, "
            "which on a card is cut after two lines so the grid stays even.",
            section=desk,
            publish_at=timezone.now() - timedelta(hours=n + 1),
            **(picture if n % 2 == 0 else {}),
        )
    return story


def test_article_page_fits_the_screen(new_page, newsroom, screen_name, screen):
    page = new_page(viewport=screen)
    errors = record_console_errors(page)

    page.goto(newsroom.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text(newsroom.headline)
    assert fits_the_screen(page)
    expect(page.get_by_role("navigation", name="Sections", exact=True)).to_be_visible()
    lead_image = page.locator(".lead-image img")
    assert lead_image.evaluate("img => img.complete && img.naturalWidth > 0")
    column = page.locator("article.story").bounding_box()
    assert column["width"] <= READING_WIDTH
    rail = page.locator("aside.rail").bounding_box()
    form = page.locator("#comment-form").bounding_box()
    if screen == DESKTOP:
        assert column["width"] == READING_WIDTH
        # The rail stands beside the story, and the two together are centred on the page.
        assert rail["x"] >= column["x"] + column["width"]
        assert abs(rail["y"] - column["y"]) <= 5
        assert abs(column["x"] - (screen["width"] - rail["x"] - rail["width"])) <= 20
    else:
        # On a phone the rail drops below the story, and the comment form stays last.
        assert rail["y"] >= column["y"] + column["height"]
        assert form["y"] >= rail["y"] + rail["height"]
    assert errors == []
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"article-{screen_name}.png", full_page=True)


def test_front_page_fits_the_screen(new_page, newsroom, screen_name, screen):
    page = new_page(viewport=screen)
    errors = record_console_errors(page)

    page.goto("/")

    # The lead and four top stories, then the two stories left in their sections' blocks.
    expect(page.locator(".card-story")).to_have_count(5)
    expect(page.locator(".section-block")).to_have_count(2)
    assert fits_the_screen(page)
    section_bar = page.get_by_role("navigation", name="Sections", exact=True)
    expect(section_bar).to_be_visible()
    if screen == PHONE:
        # Eight sections do not fit a phone: the bar scrolls sideways, the page does not.
        assert section_bar.locator("ul").evaluate(
            "ul => ul.scrollWidth > ul.clientWidth && getComputedStyle(ul).overflowX === 'auto'"
        )
    assert errors == []
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"front-{screen_name}.png", full_page=True)
