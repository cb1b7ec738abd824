"""Who may decide on comments: the permissions the comments app checks, and the moderation
policy, which acts as no one.

Every permission the app checks is named here; the verbs and the admin read them from here.
"""

from django.core.exceptions import PermissionDenied

MODERATE_PERMISSION = "comments.moderate_comment"
PICK_PERMISSION = "comments.pick_comment"
BAN_PERMISSION = "comments.add_ban"
COMMENTER_DATA_PERMISSION = "comments.manage_commenter_data"


class Automatic:
    """The acting party when the moderation policy decides, not a person."""

    def __str__(self):
        return "the moderation policy"


# Only code may pass this as `by=`; a request always acts as its user.
AUTOMATIC = Automatic()


def check_may_moderate(by):
    """Refuse anyone without the moderation permission; the policy may always decide."""
    if by is AUTOMATIC:
        return
    if by is None or not by.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied("Only moderators may decide on comments.")
