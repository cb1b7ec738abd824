"""What the comments app does when it hears its own signals: mail readers who asked."""

from django.dispatch import receiver

from comments.notifications import queue_approved
from comments.signals import comments_approved
from comments.tasks import send_after_commit


@receiver(comments_approved, dispatch_uid="comments.mail_readers_who_asked")
def mail_readers_who_asked(sender, comments, **kwargs):
    """Write the approval and reply mails in the decision's transaction; send them after it."""
    # Only a commenter who ticked "Email me", or the one a reply answers, can be told: skip
    # the query when there is neither.
    if any(row["notify"] or row["parent_id"] for row in comments):
        send_after_commit(queue_approved([row["pk"] for row in comments]))
