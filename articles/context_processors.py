"""What every public page's frame shows: the site name, today's date and the sections."""

from django.conf import settings
from django.utils import timezone

from articles.models import Section


def site_frame(request):
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "today": timezone.localdate(),
        "sections": Section.objects.all(),
    }
