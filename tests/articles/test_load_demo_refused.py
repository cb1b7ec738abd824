"""`manage.py load_demo` refuses to run with DEBUG off.

Apart from test_load_demo.py, whose tests share one loaded demo: here nothing is loaded.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article


@pytest.mark.django_db
def test_load_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())

    assert not Article.objects.exists()
    assert not get_user_model().objects.filter(username="admin").exists()
