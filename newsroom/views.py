"""The site's own error pages, where Django's defaults would say too little."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.template.response import TemplateResponse
from django.views import defaults


def bad_request(request, exception, template_name="400.html"):
    """400, except a post too large to read, which is 413 and says so."""
    if isinstance(exception, RequestDataTooBig):
        context = {"comment_max_length": settings.COMMENTS_MAX_LENGTH}
        return TemplateResponse(request, "413.html", context, status=413).render()
    return defaults.bad_request(request, exception, template_name)
