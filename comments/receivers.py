"""What the comments app does when it hears its own signals (and Django's about its rows):
keep each article's count of comments readers see, and mail readers who asked."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from comments.models import Comment
from comments.notifications import queue_approved
from comments.signals import comments_approved, comments_changed
from comments.tasks import send_after_commit


@receiver(comments_changed, dispatch_uid="comments.count_for_readers")
def count_for_readers(sender, article_ids, **kwargs):
    """Store the articles' approved-comment counts in the change's own transaction."""
    Comment.objects.count_for_readers(article_ids)


@receiver(post_save, sender=Comment, dispatch_uid="comments.count_saved_comment")
def count_saved_comment(sender, instance, created, **kwargs):
    """A comment written as a row rather than decided (a fixture, an import) is counted too.

    A new pending comment, what readers post, changes no count and costs no query.
    """
    if not created or instance.status == Comment.Status.APPROVED:
        Comment.objects.count_for_readers([instance.article_id])


@receiver(comments_approved, dispatch_uid="comments.mail_readers_who_asked")
def mail_readers_who_asked(sender, comments, **kwargs):
    """Write the approval and reply mails in the decision's transaction; send them after it."""
    # Only a commenter who ticked "Email me", or the one a reply answers, can be told: skip
    # the query when there is neither.
    if any(row["notify"] or row["parent_id"] for row in comments):
        send_after_commit(queue_approved([row["pk"] for row in comments]))
