from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom articles"

    def ready(self):
        from articles import receivers  # noqa: F401
