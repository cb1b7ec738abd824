"""What holds for every page of the site: request checks before any view runs, and the
headers every answer carries."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string


class PermissionsPolicyMiddleware:
    """Tell browsers the site never asks for the camera, the microphone, the reader's
    location and the like, so that nothing injected into a page could either.

    Outside the page cache, so kept pages carry it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RefuseNulBytesMiddleware:
    """A NUL byte in an address or its query is never a person's input.

    PostgreSQL refuses NUL in text where SQLite stores it; answering 400 here means no
    lookup, search or filter anywhere can turn one into a server error. Form fields
    refuse NUL by themselves, beside the field, with the person's text kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("A NUL character cannot appear in an address.")
        return self.get_response(request)


class DatabaseAwayMiddleware:
    """A request whose database connection was cut (a restart, a failover, an operator's
    `pg_terminate_backend`) is answered 503 with Retry-After, not 500.

    Its transaction was rolled back with the connection, so nothing was half-written; the
    worker opens a new connection for its next request (`CONN_HEALTH_CHECKS`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "5"
        response["Cache-Control"] = "no-store"
        return response
