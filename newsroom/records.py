"""The newsroom's permanent record: rows that no path deletes, and the people they name.

README.md lists what is kept for good. Each of the newsroom's own records refuses deletion
by its queryset (`PermanentRecordQuerySet`), by the instance (`PermanentRecord`) and, where
it is reached from another row, by `on_delete=PROTECT`. django-reversion's versions and
the staff accounts a record names are other apps' models: `pre_delete` receivers guard
them, since Django sends it for every row a delete would remove, one instance or a whole
queryset. Retention purges clear fields (`update()`), never rows.
"""

from functools import reduce
from operator import or_

from django.contrib.admin.models import LogEntry
from django.db import models
from django.db.models import Exists, OuterRef
from reversion.models import Revision, Version


def refusal(model, rows):
    """The error every refused deletion raises: what is kept, and a few of the rows."""
    return models.ProtectedError(
        f"{str(model._meta.verbose_name_plural).capitalize()} are kept for good: "
        "the record is never deleted.",
        set(rows),
    )


class PermanentRecordQuerySet(models.QuerySet):
    def delete(self):
        raise refusal(self.model, self[:10])


class PermanentRecord(models.Model):
    """A row on the record: written once, kept for good (changed only as its verbs allow)."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise refusal(type(self), [self])


def people_on_record(users):
    """Those of `users` whom a record names: the admin's log, a version, or a PROTECT row.

    Every relation to the user model that protects it (who published, decided, banned,
    corrected) counts, so a record added later is covered without a change here.
    """
    named = [
        Exists(LogEntry.objects.filter(user=OuterRef("pk"))),
        Exists(Revision.objects.filter(user=OuterRef("pk"))),
    ]
    for relation in users.model._meta.related_objects:
        if relation.on_delete is models.PROTECT:
            rows = relation.related_model._base_manager.filter(
                **{relation.field.name: OuterRef("pk")}
            )
            named.append(Exists(rows))
    return users.filter(reduce(or_, named))


def refuse_deleting_versions(sender, instance, **kwargs):
    """A kept version of an article (or the revision holding it) is never deleted."""
    raise refusal(sender, [instance])


def refuse_deleting_people_on_record(sender, instance, **kwargs):
    """A staff account named by the record is deactivated, never deleted.

    Deleting it would take the admin's log with it and leave history naming no one.
    """
    if people_on_record(sender._default_manager.filter(pk=instance.pk)).exists():
        raise models.ProtectedError(
            f"{instance} is named in the newsroom's record: deactivate the account "
            "(untick Active) instead of deleting it.",
            {instance},
        )


def connect(user_model):
    """Guard the third-party records; called once the apps are ready."""
    for model in (Version, Revision):
        models.signals.pre_delete.connect(
            refuse_deleting_versions, sender=model, dispatch_uid=f"permanent-{model.__name__}"
        )
    models.signals.pre_delete.connect(
        refuse_deleting_people_on_record, sender=user_model, dispatch_uid="permanent-people"
    )
