"""The moderation desk in the admin, one module per screen.

`queue`: the moderation queue and each comment's page; `decisions`: deciding on one
comment, undoing a decision just made, and its decision record; `commenters`: the
commenter's page; `reports`: readers' reports on the comment's page;
`bans`, `words` (the moderation word lists) and `outbox` (mail about comments): their own
screens; `filters`: what the lists may be filtered by, and by whom.
"""

from comments.admin import bans, outbox, queue, words

__all__ = ["bans", "outbox", "queue", "words"]
