"""The site's own address: pages named absolutely, whatever host a request came in on."""

from django.conf import settings


def absolute_url(path):
    """`path` (from `reverse()`, `get_absolute_url()` or `static()`) on the site's address."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.NEWSROOM_SITE_URL}/{path.lstrip('/')}"
