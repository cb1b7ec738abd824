"""Staff roles as groups, granted from each app's data migration."""


def grant_roles(apps, roles):
    """Make each group in `roles` hold exactly the listed (app_label, codename) permissions."""
    # Permissions are normally created after all migrations have run; the roles need them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

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
