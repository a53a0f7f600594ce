"""The app's two database roles (issue 14 §3, docs/operations.md; settings.DATABASE_ROLES).

The app logs in as its own role, a non-superuser that owns nothing: it reads and writes the
business tables, but may only read and append the audit log, and removes audit rows only
through audit_prune() (the owner's SECURITY DEFINER function, migration audit 0004). TRUNCATE,
ALTER TABLE … DISABLE TRIGGER, DROP TRIGGER and session_replication_role are an owner's or a
superuser's, so they are refused to it. The owner role owns the schema and every table;
`migrate` and `flush` log in as it (this app's management commands), and `migrate` then grants
the app role its privileges. Without settings.DATABASE_ROLES (SQLite, one development role)
there is nothing to switch and nothing to grant.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from psycopg import sql

AUDIT_TABLE = "audit_auditlog"
# Read-only for the app: its migration history.
READ_ONLY = ("django_migrations",)

GRANTS = """
REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC;
GRANT USAGE ON SCHEMA {schema} TO {app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {app};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {app};
"""
# The audit log's id is an identity column: INSERT needs no privilege on its sequence.
AUDIT = """
REVOKE ALL ON {audit} FROM {app};
GRANT SELECT, INSERT ON {audit} TO {app};
REVOKE ALL ON SEQUENCE {audit_seq} FROM {app};
"""
PRUNE = "GRANT EXECUTE ON FUNCTION {prune} TO {app};"
TABLE_READ_ONLY = "REVOKE ALL ON {table} FROM {app}; GRANT SELECT ON {table} TO {app};"


@contextmanager
def login(role: str, using: str = DEFAULT_DB_ALIAS):
    """Inside the block the `using` connection logs in as `role` ("app" or "owner"); the
    previous login comes back after it. The connection is closed on the way in and out, so
    this cannot happen inside a transaction."""
    conn = connections[using]
    want = settings.DATABASE_ROLES.get(role)
    before = {key: conn.settings_dict[key] for key in ("USER", "PASSWORD")}
    if want is None or want == before:
        yield
        return
    if conn.in_atomic_block:
        raise RuntimeError(f"cannot log in as the {role} role inside a transaction")
    conn.close()
    conn.settings_dict.update(want)
    try:
        yield
    finally:
        conn.close()
        conn.settings_dict.update(before)


def grant_app_role(cursor, app_role: str) -> None:
    """The app role's privileges on every table of the current schema: run by the owner after
    every migrate, so that a new table is covered; idempotent."""
    cursor.execute("SELECT current_schema(), to_regclass(%s) IS NOT NULL, "
                   "to_regprocedure(%s)::text", [AUDIT_TABLE, "audit_prune(integer)"])
    schema, has_audit, prune = cursor.fetchone()
    names = {"app": sql.Identifier(app_role), "schema": sql.Identifier(schema)}
    cursor.execute(sql.SQL(GRANTS).format(**names))
    for table in READ_ONLY:
        cursor.execute(sql.SQL(TABLE_READ_ONLY).format(table=sql.Identifier(table), **names))
    if has_audit:  # absent after `migrate audit zero`
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [AUDIT_TABLE])
        cursor.execute(sql.SQL(AUDIT).format(audit=sql.Identifier(AUDIT_TABLE),
                                             audit_seq=sql.SQL(cursor.fetchone()[0]), **names))
    if prune:  # absent before migration audit 0004
        cursor.execute(sql.SQL(PRUNE).format(prune=sql.SQL(prune), **names))


def grant_after_migrate(using: str) -> None:
    """Called by `migrate`, logged in as the owner."""
    app = settings.DATABASE_ROLES.get("app")
    if app is None:
        return
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        grant_app_role(cursor, app["USER"])
