"""Fixtures for the syndication tests: real image files, as the article tests make them."""

from tests.articles.conftest import make_image  # noqa: F401
