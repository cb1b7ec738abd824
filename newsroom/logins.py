"""Staff logins: the login form, and what the login throttle (django-axes) keeps.

Readers' addresses are only ever kept as a keyed hash (comments/privacy.py); staff's are
kept the same way. django-axes files attempts by username and address, in a column that
holds addresses only, so the hash is written as an address in the private fd00::/8 block:
the same client gives the same value, so lockout works as before, and the database alone
cannot give the address back. The browser's user agent is not kept at all (one attempt
row per username and address, whatever browser a guesser claims).
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator

from newsroom.readers import address_hash, client_address


class DeskLoginForm(AdminAuthenticationForm):
    """The admin's login form; a username longer than any account's is a form error,
    refused before the throttle looks it up or records it."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


def hashed_login_address(request):
    """The client's address (read through our trusted proxies) as its keyed hash."""
    digest = address_hash(client_address(request))
    if not digest:
        return None
    return ipaddress.IPv6Address(bytes.fromhex("fd" + digest[:30])).compressed


class NoUserAgentHandler(AxesDatabaseHandler):
    """django-axes' database handler, which keeps no user agent."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            request.axes_user_agent = ""
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        request.axes_user_agent = ""
        return super().user_logged_in(sender, request, user, **kwargs)
