"""The audit log cannot be rewritten by the app's own database role (issue 14 §3).

An outside probe, logged in as the app's role (then a superuser owning every table), removed or
rewrote audit rows five ways. The suite runs as the app's restricted role (conftest: the test
database is created and migrated by the owner role), so each way is tried here as the
connection the app itself uses, and must be refused with the row left as it was."""

from datetime import timedelta
from io import StringIO

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit import dbroles
from audit.models import AuditAction, AuditLog
from audit.services import record

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("sqlite" in settings.DATABASES["default"]["ENGINE"],
                       reason="database roles are PostgreSQL's; SQLite has none"),
]

DENIED = "permission denied for table audit_auditlog"
APPEND_ONLY = "审计日志只能追加，不能修改或删除"
NOT_OWNER = "must be owner of (table|relation) audit_auditlog"
# (statements, the refusal): the probe's five routes first, then the plain and other ways round.
ROUTES = {
    "prune flag": (["SET LOCAL audit.allow_prune = 'on'", "DELETE FROM audit_auditlog"], DENIED),
    "truncate": (["TRUNCATE audit_auditlog"], DENIED),
    "disable trigger": (["ALTER TABLE audit_auditlog DISABLE TRIGGER audit_append_only",
                         "DELETE FROM audit_auditlog"], NOT_OWNER),
    "drop trigger": (["DROP TRIGGER audit_append_only ON audit_auditlog",
                      "UPDATE audit_auditlog SET actor_name = 'someone else'"], NOT_OWNER),
    "replication role": (["SET session_replication_role = replica",
                          "DELETE FROM audit_auditlog"],
                         'permission denied to set parameter "session_replication_role"'),
    "plain update": (["UPDATE audit_auditlog SET actor_name = 'someone else'"], DENIED),
    "plain delete": (["DELETE FROM audit_auditlog"], DENIED),
    "become the owner": (["SET ROLE {owner}", "DELETE FROM audit_auditlog"],
                         'permission denied to set role "{owner}"'),
    "take the table": (["ALTER TABLE audit_auditlog OWNER TO CURRENT_USER"], NOT_OWNER),
    "drop the table": (["DROP TABLE audit_auditlog"], NOT_OWNER),
    "replace the trigger": (["CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger "
                             "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$"],
                            "permission denied for schema public"),
    "replace the prune": (["CREATE OR REPLACE FUNCTION audit_prune(older_than_days integer, "
                           "OUT removed bigint, OUT cutoff timestamptz) LANGUAGE sql "
                           "SECURITY DEFINER AS $$ SELECT 0::bigint, now() $$"],
                          "permission denied for schema public"),
}


def _owner() -> str:
    return settings.DATABASE_ROLES["owner"]["USER"]


def _rows():
    return list(AuditLog.objects.order_by("id").values_list("id", "actor_name", "action"))


def _aged(days: int) -> int:
    """An audit row written `days` ago (INSERT is the app's right; created_at is set by hand)."""
    with connection.cursor() as cur:
        cur.execute("INSERT INTO audit_auditlog (created_at, actor_name, action, object_type, "
                    "object_id, object_repr, result, detail) VALUES (now() - make_interval("
                    "days => %s), %s, 'login', '', '', '', 'success', '{}') RETURNING id",
                    [days, f"aged-{days}"])
        return cur.fetchone()[0]


def _prune(days: int):
    with connection.cursor() as cur:
        cur.execute("SELECT removed FROM audit_prune(%s)", [days])
        return cur.fetchone()[0]


def _privileges(cur, table: str, role: str | None = None) -> set[str]:
    cur.execute("SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', "
                "'REFERENCES', 'TRIGGER']) p WHERE has_table_privilege(coalesce(%s, "
                "current_user), %s, p)", [role, table])
    return {p for p, in cur.fetchall()}


@pytest.fixture
def entry():
    return record(AuditAction.LOGIN, actor_name="alice")


@pytest.fixture
def owner_cursor():
    """A connection of its own, logged in as the owner role to the test database; whatever it
    did is rolled back at the end."""
    db, owner = connection.settings_dict, settings.DATABASE_ROLES["owner"]
    conn = psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432,
                           dbname=db["NAME"], user=owner["USER"], password=owner["PASSWORD"])
    try:
        with conn.cursor() as cur:
            yield cur
    finally:
        conn.rollback()
        conn.close()


def test_the_suite_runs_with_the_two_roles():
    assert settings.DATABASE_ROLES, "DATABASE_OWNER_URL is not set: run the suite as `make test`"
    with connection.cursor() as cur:
        cur.execute("SELECT current_user")
        assert cur.fetchone()[0] == settings.DATABASE_ROLES["app"]["USER"] != _owner()


def test_the_apps_connection_is_no_superuser_and_owns_nothing():
    with connection.cursor() as cur:
        cur.execute("SELECT rolsuper, rolcreaterole, rolbypassrls, rolreplication FROM pg_roles "
                    "WHERE rolname = current_user")
        assert cur.fetchone() == (False, False, False, False)
        cur.execute("SELECT pg_get_userbyid(relowner), pg_has_role(current_user, relowner, "
                    "'MEMBER') FROM pg_class WHERE oid = 'audit_auditlog'::regclass")
        assert cur.fetchone() == (_owner(), False)
        cur.execute("SELECT count(*) FROM pg_class WHERE relowner = current_user::regrole")
        assert cur.fetchone() == (0,)


def test_the_app_role_only_reads_and_appends_the_audit_log(entry):
    assert AuditLog.objects.get(pk=entry.pk).actor_name == "alice"
    with connection.cursor() as cur:
        assert _privileges(cur, "audit_auditlog") == {"SELECT", "INSERT"}
        cur.execute("SELECT has_sequence_privilege(pg_get_serial_sequence('audit_auditlog', "
                    "'id'), 'USAGE, SELECT, UPDATE')")  # true when any one is held
        assert cur.fetchone() == (False,)


def test_the_app_role_writes_the_business_tables_and_only_reads_the_migrations():
    with connection.cursor() as cur:
        for table in ("declare_application", "orgs_organisation", "django_session"):
            assert _privileges(cur, table) == {"SELECT", "INSERT", "UPDATE", "DELETE"}
        assert _privileges(cur, "django_migrations") == {"SELECT"}


@pytest.mark.parametrize("route", ROUTES)
def test_the_app_role_cannot_remove_or_rewrite_an_audit_row(route, entry):
    statements, refusal = ROUTES[route]
    before = _rows()
    with pytest.raises(DatabaseError, match=refusal.format(owner=_owner())), \
            transaction.atomic(), connection.cursor() as cur:
        for statement in statements:
            cur.execute(statement.format(owner=_owner()))
    assert _rows() == before and (entry.pk, "alice", "login") in before


def test_prune_removes_the_rows_older_than_the_retention_given():
    for days in (400, 200, 100, 0):
        _aged(days)
    out = StringIO()
    call_command("prune_audit", "--older-than-days", "300", stdout=out)
    cutoff = timezone.localdate() - timedelta(days=300)
    assert out.getvalue() == f"已删除 1 条 {cutoff:%Y-%m-%d} 之前的审计日志。\n"
    assert [name for _, name, _ in _rows()] == ["aged-200", "aged-100", "aged-0"]
    assert _prune(183) == 1
    assert [name for _, name, _ in _rows()] == ["aged-100", "aged-0"]


@pytest.mark.parametrize("days", ["30", "182", "-1"])
def test_prune_refuses_a_retention_below_183_days(days):
    for age in (400, 10):
        _aged(age)
    before = _rows()
    with pytest.raises(CommandError, match=r"^审计日志至少保留183天（6个月）。$"):
        call_command("prune_audit", "--older-than-days", days)
    with pytest.raises(DatabaseError, match="审计日志至少保留183天"), transaction.atomic():
        _prune(int(days))
    assert _rows() == before


def test_prune_cannot_delete_rows_younger_than_183_days(entry):
    for age in (182, 100):
        _aged(age)
    before = _rows()
    assert _prune(183) == 0
    assert _rows() == before


def test_prune_is_the_owners_security_definer_function_with_a_safe_search_path():
    with connection.cursor() as cur:
        cur.execute("SELECT pg_get_userbyid(proowner), prosecdef, proconfig, "
                    "has_function_privilege(current_user, p.oid, 'EXECUTE'), "
                    "EXISTS (SELECT FROM aclexplode(proacl) WHERE grantee = 0) "
                    "FROM pg_proc p WHERE p.oid = 'audit_prune(integer)'::regprocedure")
        owner, definer, config, app_may, public_may = cur.fetchone()
    assert (owner, definer, app_may, public_may) == (_owner(), True, True, False)
    assert config == ["search_path=public, pg_temp"]


def test_the_trigger_refuses_even_the_owner_a_young_row_but_lets_old_ones_go(owner_cursor):
    owner_cursor.execute("INSERT INTO audit_auditlog (created_at, actor_name, action, "
                         "object_type, object_id, object_repr, result, detail) VALUES "
                         "(now(), 'young', 'login', '', '', '', 'success', '{}'), "
                         "(now() - interval '200 days', 'old', 'login', '', '', '', 'success', "
                         "'{}')")
    for statement in ("UPDATE audit_auditlog SET actor_name = 'x' WHERE actor_name = 'old'",
                      "DELETE FROM audit_auditlog WHERE actor_name = 'young'"):
        owner_cursor.execute("SAVEPOINT s")
        with pytest.raises(psycopg.errors.RaiseException, match=APPEND_ONLY):
            owner_cursor.execute(statement)
        owner_cursor.execute("ROLLBACK TO SAVEPOINT s")
    owner_cursor.execute("DELETE FROM audit_auditlog WHERE actor_name = 'old'")
    assert owner_cursor.rowcount == 1


def test_the_grants_are_idempotent_and_cover_a_new_table(owner_cursor):
    app = settings.DATABASE_ROLES["app"]["USER"]
    owner_cursor.execute("CREATE TABLE audit_probe_new (id bigint)")
    for _ in range(2):
        dbroles.grant_app_role(owner_cursor, app)
    assert _privileges(owner_cursor, "audit_probe_new", app) == {"SELECT", "INSERT", "UPDATE",
                                                                 "DELETE"}
    assert _privileges(owner_cursor, "audit_auditlog", app) == {"SELECT", "INSERT"}
