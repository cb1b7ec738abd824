"""Staff roles as groups, granted from each app's data migration."""


def _create_permissions(apps):
    # Permissions are normally created after all migrations have run; the roles need them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_roles(apps, roles):
    """Make each group in `roles` hold exactly the listed (app_label, codename) permissions."""
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in codes
            ]
        )


def revoke_roles(apps, roles):
    apps.get_model("auth", "Group").objects.filter(name__in=roles).delete()


def extend_roles(apps, roles):
    """Add the listed (app_label, codename) permissions to each group in `roles`.

    For an app that comes later: the groups keep what other apps granted them.
    """
    _create_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in codes
            ]
        )


def withdraw_roles(apps, roles):
    """Take the listed permissions back from each group in `roles`."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=roles):
        for app_label, codename in roles[group.name]:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
