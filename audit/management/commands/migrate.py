from django.core.management.commands import migrate

from audit import dbroles


class Command(migrate.Command):
    """`migrate` logged in as the owner role (DATABASE_OWNER_URL), which then grants the app's
    own role its privileges on the tables as they are now (audit/dbroles.py, issue 14 §3)."""

    def handle(self, *args, **options):
        with dbroles.login("owner", options["database"]):
            super().handle(*args, **options)
            dbroles.grant_after_migrate(options["database"])
