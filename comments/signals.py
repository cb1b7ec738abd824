"""What the comments app announces.

`comments_changed`, sent with `article_ids` whenever what readers see of those articles'
comments (the thread, a count) may have changed, once the rows are written. A new pending
comment changes nothing readers see and sends nothing.

`comments_approved`, sent with `comments` (the rows a decision has just approved, each a dict
with at least `pk`, `notify` and `parent_id`) inside the decision's transaction, so that
whatever its receivers write stands or falls with the decision. Receivers may write down mail
and send it after the commit; they never decide anything.
"""

from django.dispatch import Signal

comments_changed = Signal()
comments_approved = Signal()
