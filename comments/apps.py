from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        # Connects the receivers that mail readers when their comments are approved.
        from comments import receivers  # noqa: F401
