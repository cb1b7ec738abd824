"""Newsroom's URLs: the admin, then each app's own."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from health_check.views import HealthCheckView

from pagecache.decorators import public_page

admin.site.site_header = settings.NEWSROOM_SITE_NAME
admin.site.site_title = f"{settings.NEWSROOM_SITE_NAME} desk"
admin.site.index_title = "Newsroom desk"
# Wide change lists (headlines, the moderation queue) need the room more than the side menu.
admin.site.enable_nav_sidebar = False


def database_checks():
    """Every database: the primary, and the replica when there is one."""
    return [("health_check.checks.Database", {"alias": alias}) for alias in settings.DATABASES]


def health_checks():
    """The primary database and the cache. Not the replica: readers are served from the
    primary while it is down or behind (newsroom/replicas.py), so a server is healthy
    without it; monitor it on the primary (`pg_stat_replication`)."""
    return [("health_check.checks.Database", {"alias": "default"}), "health_check.checks.Cache"]


urlpatterns = [
    path("admin/", admin.site.urls),
    # For load balancers and monitoring: 200 when the database and the cache answer, else 500.
    path("healthz", HealthCheckView.as_view(checks=health_checks()), name="healthz"),
    # For load balancers deciding whether a server may take requests: the site serves
    # without Redis (uncached), so only the databases count here.
    path(
        "healthz/serving",
        HealthCheckView.as_view(checks=database_checks()),
        name="healthz_serving",
    ),
    path(
        "robots.txt",
        public_page(TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
        name="robots",
    ),
    path("", include("syndication.urls")),
    path("", include("readership.urls")),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "newsroom.views.bad_request"
handler500 = "newsroom.views.server_error"
