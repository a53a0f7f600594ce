"""PostgreSQL side of a backup: pg_dump -Fc / pg_restore as the database's owner role
(DATABASE_OWNER_URL: the app's own role may not read the audit log's sequence nor create
tables), and the row count of every table, read in the very snapshot pg_dump dumps."""

import os
import shutil
import subprocess  # noqa: S404 - pg_dump/pg_restore with fixed arguments, no shell
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection
from psycopg import sql

from core.errors import DomainError

TABLES = """SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1"""


def owner_params() -> dict:
    """libpq parameters of the current database as its owner (the app's role without
    DATABASE_OWNER_URL, a development database with one role)."""
    if connection.vendor != "postgresql":
        raise DomainError(f"备份与恢复只支持 PostgreSQL 数据库（当前为 {connection.vendor}）。")
    db = connection.settings_dict
    login = settings.DATABASE_ROLES.get("owner") or {"USER": db["USER"], "PASSWORD": db["PASSWORD"]}
    return {"host": db["HOST"] or "127.0.0.1", "port": str(db["PORT"] or 5432),
            "dbname": db["NAME"], "user": login["USER"], "password": login["PASSWORD"] or ""}


def _env(params: dict) -> dict:
    # the password through the environment, never on a command line (ps shows it)
    keys = {"host": "PGHOST", "port": "PGPORT", "dbname": "PGDATABASE", "user": "PGUSER",
            "password": "PGPASSWORD"}
    return {**os.environ, **{keys[k]: v for k, v in params.items()}}


def _tool(name: str) -> str:
    bindir = settings.BACKUP_PG_BINDIR
    found = str(Path(bindir) / name) if bindir else shutil.which(name)
    if not found or not Path(found).exists():
        raise DomainError(f"找不到 {name}：请安装 PostgreSQL 客户端（Debian：postgresql-client-15），"
                          "或用 BACKUP_PG_BINDIR 指明其目录。")
    return found


def _run(args: list, params: dict) -> None:
    done = subprocess.run(args, env=_env(params), capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise DomainError(f"{Path(args[0]).name} 失败：{done.stderr.strip()[-800:]}")


def count_rows(cur) -> dict[str, int]:
    cur.execute(TABLES)
    tables = [name for (name,) in cur.fetchall()]
    counts = {}
    for name in tables:
        cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))
        counts[name] = cur.fetchone()[0]
    return counts


@contextmanager
def snapshot(params: dict):
    """Yields (snapshot id, row counts, applied migrations) of one repeatable-read snapshot,
    held open while the block runs, so pg_dump --snapshot dumps exactly what was counted."""
    with psycopg.connect(**params) as conn, conn.cursor() as cur:
        cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cur.execute("SELECT pg_export_snapshot()")
        snap = cur.fetchone()[0]
        counts = count_rows(cur)
        cur.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        applied = cur.fetchall()
        yield snap, counts, applied
        conn.rollback()


def dump(params: dict, snap: str, target: Path) -> None:
    _run([_tool("pg_dump"), "--format=custom", "--compress=6", f"--snapshot={snap}",
          f"--file={target}"], params)


def current_counts(params: dict) -> dict[str, int]:
    with psycopg.connect(**params) as conn, conn.cursor() as cur:
        return count_rows(cur)


def refuse_unless_empty(params: dict) -> None:
    with psycopg.connect(**params) as conn, conn.cursor() as cur:
        cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cur.fetchone()[0]
        cur.execute(TABLES)
        tables = [name for (name,) in cur.fetchall()]
    if superuser:  # it would own every table and the SECURITY DEFINER audit_prune()
        raise DomainError(f"请以数据库属主角色恢复（DATABASE_OWNER_URL），不要用超级用户 "
                          f"{params['user']}：恢复出的表和函数归恢复者所有。")
    if tables:
        raise DomainError(f"目标数据库 {params['dbname']} 不是空库（已有 {len(tables)} 张表，如 "
                          f"{tables[0]}）。恢复只写入空数据库：请新建一个空库（deploy/postgres/"
                          "roles.psql）后再恢复，已有数据不会被覆盖。")


def restore(params: dict, source: Path) -> None:
    """One transaction: an error leaves the database empty, not half restored. Objects are
    owned by the restoring owner role; the grants to the app role come from the dump."""
    connection.close()
    _run([_tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction",
          f"--dbname={params['dbname']}", str(source)], params)
