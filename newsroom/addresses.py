"""Public addresses, each worked out once per process.

`reverse()` costs about 25 µs a call, and a front page asks for some ninety (every card, its
kicker, the section bar, the footer's feeds): about 2 ms of a page made without a cache. An
address depends only on the URLconf, the script prefix and the arguments, all in the key
(the site sets no URLconf per request).
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse

# Bounded: a process serving the archive's long tail must not keep every address it made.
KEPT_ADDRESSES = 20_000


@lru_cache(maxsize=KEPT_ADDRESSES)
def _reversed(urlconf, prefix, viewname, args, kwargs):
    return reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs))


def address(viewname, *args, **kwargs):
    """`reverse(viewname, args=args, kwargs=kwargs)`, remembered."""
    key = tuple(sorted(kwargs.items()))
    return _reversed(settings.ROOT_URLCONF, get_script_prefix(), viewname, args, key)


@receiver(setting_changed, dispatch_uid="newsroom.addresses.forget")
def forget(setting, **kwargs):
    """A test that swaps the URLconf may also change the patterns under its name."""
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
