from django.core.management.commands import flush

from audit import dbroles


class Command(flush.Command):
    """`flush` logged in as the owner role: it empties every table with TRUNCATE, which the
    app's own role may not do to the audit log (audit/dbroles.py, issue 14 §3). The test runner
    flushes after each transactional test; in production only the migrating process has the
    owner's credentials, so a flush from the app's containers is refused."""

    def handle(self, **options):
        with dbroles.login("owner", options["database"]):
            super().handle(**options)
