"""Sequential scans of large tables on the key pages: `python -m bench.explain PLAN.json OUT.json`.

Issue 20 §6: at national scale a key page must read its rows through an index. For each page
of the plan (bench.plan: the scenarios' first account and URL, then the extra pages; GET only,
the autosave POST is left out because it writes) the page is requested twice by its account
through django.test.Client and the SQL of the second (warm) request is captured; after ANALYZE,
each SELECT is run again as EXPLAIN (FORMAT JSON) and every "Seq Scan" node on a table of more
than LARGE (10 000) rows is reported: {page: [{"table", "rows", "sql"}]}.

`seq_scans(queries)` is the checker itself (tests/test_query_scaling.py runs it on a small
seeded database with a lower `large`); make bench runs this module at the largest seeded
scale and bench/report.py lists what it found per page.
"""

import json
import sys

import django

LARGE = 10_000


def table_rows() -> dict[str, int]:
    """Rows per table of the current schema, as the planner estimates them after ANALYZE."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT c.relname, c.reltuples::bigint FROM pg_class c "
                    "WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace")
        return {name: max(0, int(rows)) for name, rows in cur.fetchall()}


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


def seq_scans(queries: list[str], *, large: int = LARGE, sizes: dict | None = None) -> list[dict]:
    """The Seq Scan nodes on tables above `large` rows in the plans of `queries` (SQL text as
    CaptureQueriesContext records it, parameters inlined); one entry per (table, query)."""
    from django.db import connection

    sizes = table_rows() if sizes is None else sizes
    found, seen = [], set()
    with connection.cursor() as cur:
        for sql in queries:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cur.execute("EXPLAIN (FORMAT JSON) " + sql)
            raw = cur.fetchone()[0]
            plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
            for node in _nodes(plan):
                table = node.get("Relation Name")
                if node.get("Node Type") == "Seq Scan" and sizes.get(table, 0) > large \
                        and (table, sql) not in seen:
                    seen.add((table, sql))
                    found.append({"table": table, "rows": sizes[table], "sql": sql[:600]})
    return found


def page_queries(client, url: str) -> tuple[int, list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    return status, [q["sql"] for q in ctx.captured_queries]


def pages(plan: dict) -> dict:
    """{page: (username, session, url)} for every GET page of the plan."""
    sessions = {a["username"]: a["session"] for spec in plan["scenarios"].values()
                for a in spec["accounts"] if a.get("session")}
    out = {}
    for name, spec in plan["scenarios"].items():
        acc = (spec["accounts"] or [{}])[0]
        url = acc.get("url") or spec.get("url")
        if url and not spec.get("save"):
            out[name] = (acc.get("username"), acc.get("session"), url)
    for name, spec in plan["extra"].items():
        if spec["url"]:
            out[name] = (spec["account"], sessions.get(spec["account"]), spec["url"])
    return out


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")


def check(plan: dict, *, large: int = LARGE) -> dict:
    """{page: {"status", "queries", "seq_scans": [...]}} for every GET page of `plan`."""
    from .queries import _client

    analyze()
    sizes = table_rows()
    out = {}
    for name, (username, session, url) in pages(plan).items():
        status, queries = page_queries(_client(username, session), url)
        out[name] = {"status": status, "queries": len(queries),
                     "seq_scans": seq_scans(queries, large=large, sizes=sizes)}
    return out


def main(plan_path: str, out_path: str) -> None:
    django.setup()
    plan = json.load(open(plan_path, encoding="utf-8"))  # noqa: SIM115
    checked = check(plan)   # ANALYZE first, so the sizes below are fresh
    result = {"large": LARGE, "tables": {t: n for t, n in table_rows().items() if n > LARGE},
              "pages": checked}
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
