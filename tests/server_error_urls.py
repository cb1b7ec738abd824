"""The site's URLs plus one address that fails, for the server error page's tests."""

from django.urls import path

from newsroom.urls import handler400, handler500
from newsroom.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler500", "urlpatterns"]


def fault(request):
    raise RuntimeError("A fault, for the server error page.")


urlpatterns = [path("fault/", fault), *site_urlpatterns]
