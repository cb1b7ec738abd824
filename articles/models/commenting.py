"""When readers may comment on an article: open, live, and not yet past its window."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone


class CommentWindow:
    """The article's comment window, read from its `comments_open`, its
    `comments_close_after_days` and its publish time."""

    def accepts_comments(self):
        """Readers may comment on a live article whose comments are open and not yet closed."""
        return self.comments_open and self.is_published() and not self.comments_have_closed()

    def comments_close_at(self):
        """When comments close by themselves: days after the publish time, or None for never.

        Counted from `publish_at`, as visibility is, so a scheduled article's window starts
        when it goes live.
        """
        days = self.comments_close_after_days
        if days is None:
            days = settings.COMMENTS_CLOSE_AFTER_DAYS
        if not days or self.publish_at is None:
            return None
        return self.publish_at + timedelta(days=days)

    def comments_have_closed(self):
        close_at = self.comments_close_at()
        return close_at is not None and close_at <= timezone.now()
