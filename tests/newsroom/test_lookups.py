"""Lookups that answer alike on SQLite and PostgreSQL, whatever a hand-edited form sends."""

from articles.models import Article


def test_numbers_no_column_can_hold_match_nothing(article):
    assert list(Article.objects.filter(pk__in=[10**20, -(10**20)])) == []
    assert list(Article.objects.filter(pk__in=[10**20, article.pk])) == [article]


def test_text_that_is_not_a_number_matches_nothing_in_a_list_of_ids(article):
    assert list(Article.objects.filter(pk__in=["\x00", "abc", str(article.pk)])) == [article]
