"""`manage.py check --database default`: a form version in use by a submitted snapshot was
edited (its fingerprint differs from the one the snapshot recorded) — declare.formdefs.registry."""

from django.core import checks
from django.db import connections


@checks.register(checks.Tags.database)
def frozen_forms(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from .formdefs.registry import frozen_changes
    from .models import Snapshot

    # `migrate` runs the database checks before it creates the tables: nothing recorded yet
    if Snapshot._meta.db_table not in connections["default"].introspection.table_names():
        return []

    recorded = {(f["key"], f["fingerprint"]) for f in
                Snapshot.objects.filter(data__has_key="form").values_list("data__form", flat=True)
                if isinstance(f, dict)}
    return [checks.Error(message, id="declare.E001") for message in frozen_changes(recorded)]
