"""The News ID counter: the short public numbers in articles' addresses."""

from django.db import models


class NewsIdCounter(models.Model):
    """The last News ID handed out, so a deleted article's number is never reused."""

    last = models.PositiveIntegerField()

    def __str__(self):
        return f"last News ID {self.last}"
