"""Export or erase one commenter's data, found by their email, at their request."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from comments.privacy import erase_commenter, export_commenter


class Command(BaseCommand):
    help = "Export (as JSON) or erase the data of the commenter with the given email."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument(
            "--by", help="Username of the moderator acting on the request (needed to erase)."
        )

    def handle(self, *args, action, email, by=None, **options):
        if action == "export":
            self.stdout.write(json.dumps(export_commenter(email), indent=2, ensure_ascii=False))
            return
        if not by:
            raise CommandError("Name the moderator acting on the request with --by.")
        try:
            moderator = get_user_model().objects.get(username=by)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {by!r}.") from None
        erased = erase_commenter(email, by=moderator)
        self.stdout.write(
            f"Erased the commenter's data from {erased} comment(s); the decision record is kept."
        )
