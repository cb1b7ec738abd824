"""Settings and URLs for `docs/benchmark.py load`: the real site plus its floor.

The floor is a template-only Django view (`/floor/<page>/`) serving bytes captured from a
real page, through the same middleware: what Django costs to serve those bytes at all.
Used as DJANGO_SETTINGS_MODULE (and ROOT_URLCONF) by `docs/benchmark.py load`'s gunicorn only;
BENCHMARK_CACHES=dummy makes every cache a dummy, so that every request makes its page.
"""

import os

from django.urls import path
from django.views.generic import TemplateView

from newsroom.settings import *  # noqa: F403
from newsroom.settings import CACHES, TEMPLATES

ROOT_URLCONF = "benchmark_floor"
# The floor's pages go through the public site's own engine, Jinja2 (`{% raw %}` around the
# bytes), the first one asked: 0.26 ms in-process against 0.30 ms for a Django template
# reached after it, so the floor is the harder one to come near.
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], os.environ["BENCHMARK_FLOOR_DIR"]]
if os.environ.get("BENCHMARK_CACHES") == "dummy":
    # Nothing is kept anywhere: every request makes its page from the database.
    CACHES = {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in CACHES}


class FloorView(TemplateView):
    def get_template_names(self):
        return [f"floor/{self.kwargs['page']}.html"]


def __getattr__(name):
    # The URLs are read once apps are ready, long after these settings.
    if name == "urlpatterns":
        from newsroom.urls import urlpatterns

        return [path("floor/<slug:page>/", FloorView.as_view()), *urlpatterns]
    raise AttributeError(name)
