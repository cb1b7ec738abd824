"""What the comments app announces: `comments_changed`, sent with `article_ids` whenever
what readers see of those articles' comments (the thread, a count) may have changed, once
the rows are written. A new pending comment changes nothing readers see and sends nothing."""

from django.dispatch import Signal

comments_changed = Signal()
