"""Database lookups that behave alike on SQLite and PostgreSQL."""

from django.db.models import IntegerField
from django.db.models.lookups import In


def _is_whole_number(value):
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True


class IntegerFieldIn(In):
    """`in` over an integer column ignores what the column cannot hold, as `exact` does.

    Django's own `exact` already ignores numbers out of range; `in` passes a 20-digit
    number through to SQLite, which refuses it with an OverflowError, and the admin's
    autocomplete widget redisplays a submitted non-number through `in`. Such values come
    only from a hand-edited form or address, and match nothing.
    """

    def get_prep_lookup(self):
        if self.rhs_is_direct_value() and not hasattr(self.rhs, "resolve_expression"):
            self.rhs = [
                value for value in self.rhs if not isinstance(value, str) or _is_whole_number(value)
            ]
        return super().get_prep_lookup()

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register():
    IntegerField.register_lookup(IntegerFieldIn)
