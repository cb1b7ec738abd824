"""The desk's admin site: Django's, with what every screen of it must hold.

- A change list filters by what it offers and nothing else. Django lets an address filter
  by any lookup on a model's own columns: `?email__regex=^par.nt@` tells an editor a
  commenter's hidden email one row at a time, and `?body_html__regex=(` sends the
  database an expression it cannot run. Here a filter in the address must be one of the
  list's own filters (or its date hierarchy) with a plain comparison; anything else is
  answered 400. Every registered admin gets the rule, third-party ones included.
- The login form refuses a username longer than any account's (`newsroom/logins.py`).
"""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.db.models.constants import LOOKUP_SEP

from newsroom.logins import DeskLoginForm

# What the list filters and the date hierarchy put in the address: equality, ranges,
# empty or not, and the date hierarchy's parts. No pattern, no containment.
OFFERED_COMPARISONS = {"exact", "iexact", "in", "isnull", "isempty", "gt", "gte", "lt", "lte"}
DATE_PARTS = {"year", "month", "day"}


class OfferedLookupsOnly:
    """A change list's address filters only by the list's own filters."""

    def lookup_allowed(self, lookup, value, request):
        for item in self.get_list_filter(request):
            if isinstance(item, type):
                # A filter class of the list's own (a queue view, an article box).
                if lookup == getattr(item, "parameter_name", None):
                    return True
                continue
            field_path = item[0] if isinstance(item, (list, tuple)) else item
            if self.offers_comparison(lookup, field_path, OFFERED_COMPARISONS):
                return True
        if self.date_hierarchy:
            return self.offers_comparison(
                lookup, self.date_hierarchy, OFFERED_COMPARISONS | DATE_PARTS
            )
        return False

    def offers_comparison(self, lookup, field_path, comparisons):
        """Whether `lookup` is `field_path` (or its row's key), then one of `comparisons`."""
        if not lookup.startswith(field_path + LOOKUP_SEP):
            return False
        rest = lookup.removeprefix(field_path + LOOKUP_SEP).split(LOOKUP_SEP)
        field = get_fields_from_path(self.model, field_path)[-1]
        if len(rest) == 2 and field.is_relation:
            # A related filter names the other row by its key: `section__id__exact`.
            key, rest = rest[0], rest[1:]
            if key != field.target_field.name:
                return False
        return len(rest) == 1 and rest[0] in comparisons


class NewsroomAdminSite(admin.AdminSite):
    """Django's admin site, every model admin on it holding the desk's rules."""

    login_form = DeskLoginForm

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, OfferedLookupsOnly):
            # Third-party admins (users, groups, tags) get the rule as our own do.
            admin_class = type(
                admin_class.__name__,
                (OfferedLookupsOnly, admin_class),
                {"__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)
