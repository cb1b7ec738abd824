"""The article body: what an editor writes, made into safe HTML that opens with the dateline."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from articles.body import render_body


def test_blank_lines_separate_paragraphs():
    html = render_body("First paragraph.\n\nSecond paragraph.\n\n\n\nThird.")

    assert html == "<p>First paragraph.</p><p>Second paragraph.</p><p>Third.</p>"


def test_single_line_break_is_kept_inside_a_paragraph():
    assert render_body("Roses are red,\nviolets are blue.") == (
        "<p>Roses are red,<br>violets are blue.</p>"
    )


def test_windows_line_endings_separate_paragraphs_too():
    assert render_body("One.\r\n\r\nTwo.") == "<p>One.</p><p>Two.</p>"


def test_body_written_in_html_keeps_its_blocks():
    body = "<p>Opening.</p>\n<h2>What next</h2>\n<ul><li>Vote</li><li>Count</li></ul>"

    assert render_body(body) == (
        "<p>Opening.</p>\n<h2>What next</h2>\n<ul><li>Vote</li><li>Count</li></ul>"
    )


def test_scripts_and_styles_are_removed_with_their_content():
    html = render_body(
        "Before.<script>alert('stolen')</script> After.<style>body{display:none}</style>"
    )

    assert html == "<p>Before. After.</p>"


def test_event_handler_attributes_are_removed():
    html = render_body('<p onclick="steal()">Click <em onmouseover="x()">me</em></p>')

    assert html == "<p>Click <em>me</em></p>"


def test_images_and_iframes_are_removed():
    html = render_body(
        '<p>Look <img src="x" onerror="steal()"><iframe src="https://evil.test"></iframe></p>'
    )

    assert html == "<p>Look </p>"


def test_links_are_kept():
    html = render_body(
        'Read <a href="https://www.tcmb.gov.tr/" title="Central bank">the statement</a>.'
    )

    assert 'href="https://www.tcmb.gov.tr/"' in html
    assert 'title="Central bank"' in html
    assert ">the statement</a>." in html


def test_javascript_links_lose_their_address():
    html = render_body('<a href="javascript:steal()">Win a prize</a>')

    assert "javascript" not in html
    assert "Win a prize</a>" in html


def test_emphasis_quotes_and_lists_are_kept():
    body = (
        "<blockquote><p>We will <strong>not</strong> hesitate.</p></blockquote>"
        "<ol><li><em>First</em></li></ol>"
    )

    assert render_body(body) == body


def test_text_that_looks_like_markup_is_escaped():
    assert render_body("Inflation < 50% & falling") == ("<p>Inflation &lt; 50% &amp; falling</p>")


@pytest.mark.parametrize(
    ("dateline", "source", "opener"),
    [
        ("Ankara", "Reuters", "ANKARA (Reuters) – "),
        ("Ankara", "", "ANKARA – "),
        ("", "Reuters", "(Reuters) – "),
        ("  ankara ", "  AP  ", "ANKARA (AP) – "),
    ],
)
def test_dateline_and_wire_credit_open_the_first_paragraph(dateline, source, opener):
    html = render_body("Rates rose.\n\nMarkets fell.", dateline=dateline, source=source)

    assert html == (f'<p><span class="dateline">{opener}</span>Rates rose.</p><p>Markets fell.</p>')


@pytest.mark.parametrize(("dateline", "source"), [("", ""), ("  ", " ")])
def test_without_dateline_or_credit_the_body_opens_plainly(dateline, source):
    html = render_body("Rates rose.", dateline=dateline, source=source)

    assert html == "<p>Rates rose.</p>"


def test_dateline_gets_its_own_paragraph_before_a_list():
    html = render_body("<ul><li>Rates up</li></ul>", dateline="Ankara")

    assert html == '<p><span class="dateline">ANKARA – </span></p><ul><li>Rates up</li></ul>'


def test_dateline_markup_is_escaped():
    html = render_body("Rates rose.", dateline="<b>Ankara</b>", source="<script>x()</script>")

    assert "<b>" not in html.lower()
    assert "<script>" not in html.lower()
    assert html == (
        '<p><span class="dateline">&lt;B&gt;ANKARA&lt;/B&gt; '
        "(&lt;script&gt;x()&lt;/script&gt;) – </span>Rates rose.</p>"
    )


def test_saving_an_article_renders_its_body(make_article):
    story = make_article(
        dateline="Izmir",
        source="AP",
        body="Floods closed the road.\n\n<script>steal()</script>It reopens Friday.",
    )

    story.refresh_from_db()
    assert story.body_html == (
        '<p><span class="dateline">IZMIR (AP) – </span>Floods closed the road.</p>'
        "<p>It reopens Friday.</p>"
    )


def test_editing_the_body_renders_it_again(make_article):
    story = make_article(body="First version.")

    story.body = "Second version."
    story.dateline = "Bursa"
    story.save()

    story.refresh_from_db()
    assert story.body_html == ('<p><span class="dateline">BURSA – </span>Second version.</p>')


def test_article_page_shows_the_sanitised_body(client, make_article):
    story = make_article(
        body='Read <a href="https://example.org/report">the report</a>.'
        '\n\n<p onclick="steal()">Then <script>steal()</script>decide.</p>',
    )

    response = client.get(story.get_absolute_url())

    assertContains(response, 'href="https://example.org/report"')
    assertNotContains(response, "steal()")
    assertNotContains(response, "onclick")
