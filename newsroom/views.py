"""The site's own error pages, where Django's defaults would say too little."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.template.response import TemplateResponse
from django.views import defaults

logger = logging.getLogger(__name__)


def bad_request(request, exception, template_name="400.html"):
    """400, except a post too large to read, which is 413 and says so."""
    if isinstance(exception, RequestDataTooBig):
        context = {"comment_max_length": settings.COMMENTS_MAX_LENGTH}
        return TemplateResponse(request, "413.html", context, status=413).render()
    return defaults.bad_request(request, exception, template_name)


def server_error(request, template_name="500.html"):
    """500 in the site's own frame; when the frame itself cannot be drawn (its sections
    come from the database, which may be what failed), the plain page that needs nothing."""
    try:
        return TemplateResponse(request, template_name, status=500).render()
    except Exception:
        # Whatever broke the page broke its frame too: the reader still gets an answer.
        logger.exception("The framed server error page failed; the plain one is served.")
        return defaults.server_error(request, template_name="500_plain.html")
