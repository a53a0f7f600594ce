"""Run one request as one actor inside a rolled-back savepoint, and tell whether anything
stored changed (a fingerprint of every business table, their history tables included)."""

from django.apps import apps
from django.db import connection, transaction
from django.test import Client

# Apps whose tables hold business records. Left out: audit (it records the request itself),
# catalog (static reference data), sessions, axes and auth (logins touch them).
BUSINESS_APPS = ("orgs", "calls", "declare", "quotas", "review", "documents", "projects",
                 "verify")


def _fingerprint_sql() -> str:
    # Identifiers come from the model registry (quoted), never from input: S608 does not apply.
    tables = sorted({m._meta.db_table for a in BUSINESS_APPS
                     for m in apps.get_app_config(a).get_models()})
    row_hash = "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
    parts = [f"SELECT {n} AS n, {row_hash} AS h FROM {connection.ops.quote_name(table)} t"  # noqa: S608
             for n, table in enumerate(tables)]
    union = " UNION ALL ".join(parts)
    return f"SELECT md5(string_agg(h, '' ORDER BY n)) FROM ({union}) s"  # noqa: S608


_SQL: list[str] = []


def fingerprint() -> str:
    """One hash over every row of every business table: equal before and after ⇔ unchanged."""
    if not _SQL:
        _SQL.append(_fingerprint_sql())
    with connection.cursor() as cursor:
        cursor.execute(_SQL[0])
        return cursor.fetchone()[0]


def clients_for(users: dict, actors) -> dict[str, Client]:
    """One logged-in client per actor ("anonymous" stays logged out)."""
    clients = {}
    for actor in actors:
        clients[actor] = Client(raise_request_exception=False)
        if actor != "anonymous":
            clients[actor].force_login(users[actor])
    return clients


def send(client, method: str, path: str, data: dict, *, watch: bool, then=None):
    """(response, changed) — the request's effects are always rolled back afterwards;
    `changed` is None unless `watch` (then: did the request change any stored row?).
    `then(response)` runs before the rollback, to look at what the request stored."""
    changed = None
    with transaction.atomic():
        before = fingerprint() if watch else None
        response = getattr(client, method)(path, data)
        if watch and response.status_code < 500:
            changed = fingerprint() != before
        if then is not None:
            then(response)
        transaction.set_rollback(True)
    return response, changed


def outcome(response) -> str:
    if response.status_code >= 500:
        return "error"
    if response.status_code in (403, 404):
        return "denied"
    if response.status_code == 302 and response["Location"].startswith("/login/"):
        return "denied"
    return "allowed"
