from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    """The project itself: wiring that holds for every app."""

    name = "newsroom"
    default = True

    def ready(self):
        from django.contrib.auth import get_user_model

        from newsroom import lookups, records

        lookups.register()
        records.connect(get_user_model())


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin on the desk's own site (`newsroom.admin_site`)."""

    default = False
    default_site = "newsroom.admin_site.NewsroomAdminSite"
