from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project itself: wiring that holds for every app."""

    name = "newsroom"

    def ready(self):
        from newsroom import lookups

        lookups.register()
