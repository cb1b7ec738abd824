"""Two template engines, each with its own folder: the public site's pages are Jinja2
(templates/site/), the admin's, the mail's and the feeds' are Django templates."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import TemplateDoesNotExist, engines
from django.template.loader import get_template

SITE = Path(settings.BASE_DIR) / "templates" / "site"


@pytest.mark.parametrize(
    "name", sorted(str(path.relative_to(SITE)) for path in SITE.rglob("*.html"))
)
def test_every_page_and_piece_of_the_public_site_compiles(name):
    assert engines["jinja2"].get_template(name).origin.template_name == name


def test_the_site_has_one_frame_and_it_is_jinja2():
    assert not (Path(settings.BASE_DIR) / "templates" / "base.html").exists()
    assert get_template("base.html").backend is engines["jinja2"]


@pytest.mark.parametrize(
    "name",
    [
        "admin/index.html",
        "comments/mail/approved.txt",
        "syndication/feeds/description.html",
        "comments/includes/form_field.html",
    ],
)
def test_a_django_template_is_never_asked_of_jinja2(name):
    with pytest.raises(TemplateDoesNotExist):
        engines["jinja2"].get_template(name)

    assert get_template(name).backend is engines["django"]


def test_compiled_pages_are_kept_without_looking_at_the_files_again():
    assert settings.DEBUG is False
    assert engines["jinja2"].env.auto_reload is False
