"""Addresses are worked out once per process, and never outlive what they depend on."""

from django.urls import clear_script_prefix, set_script_prefix

from newsroom.addresses import address


def test_an_article_address_follows_its_news_id_and_slug(article):
    first = article.get_absolute_url()

    article.slug = "rates-rise-again"

    assert first == f"/news/{article.news_id}/turkey-central-bank-raises-rates/"
    assert article.get_absolute_url() == f"/news/{article.news_id}/rates-rise-again/"


def test_an_address_follows_the_script_prefix_the_site_is_served_under(article, section):
    plain = article.get_absolute_url(), section.get_absolute_url()
    set_script_prefix("/newsroom/")
    try:
        prefixed = article.get_absolute_url(), section.get_absolute_url()
    finally:
        clear_script_prefix()

    assert prefixed == tuple(f"/newsroom{url}" for url in plain)
    assert (article.get_absolute_url(), section.get_absolute_url()) == plain


def test_an_address_asked_by_position_or_by_name_is_the_same(section):
    assert address("articles:section", section.slug) == section.get_absolute_url()
    assert address("articles:section", slug=section.slug) == f"/section/{section.slug}/"
