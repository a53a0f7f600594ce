"""The benchmark table (Markdown), printed and written to var/bench/report.md."""

TARGET_P95_MS = 300
TARGET_RATIO = 0.25


def _n(value, fmt="{:.0f}"):
    return "—" if value is None else fmt.format(value)


def page_rows(results: dict, q1: dict, q10: dict, labels: dict, big: str = "10") -> list[str]:
    hello = (results.get("hello") or {}).get("capacity", {}).get("rps") or 0
    lines = ["| page | median ms | p95 ms | req/s | × hello | SQL N=1 | SQL N=" + big
             + " | CPU ms/req | web CPU ms/req | DB CPU ms/req | failures |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, label in labels.items():
        r = results.get(name)
        a, b = (q1.get(name) or {}), (q10.get(name) or {})
        cpu = _n(a.get("cpu_ms"))
        if not r:
            lines.append(f"| {label} | — | — | — | — | {_n(a.get('queries'))} | "
                         f"{_n(b.get('queries'))} | {cpu} | — | — | not measured (page missing) |")
            continue
        lat, cap = r["latency"], r["capacity"]
        ratio = cap["rps"] / hello if hello else None
        fails = lat["failures"] + cap["failures"]
        lines.append(
            f"| {label} | {_n(lat['median'])} | {_n(lat['p95'])} | {_n(cap['rps'], '{:.1f}')} | "
            f"{_n(ratio, '{:.0%}')} | {_n(a.get('queries'))} | {_n(b.get('queries'))} | {cpu} | "
            f"{_n(cap.get('web_cpu_ms'), '{:.1f}')} | {_n(cap.get('db_cpu_ms'), '{:.1f}')} | "
            f"{fails} |")
    return lines


def extra_rows(q1: dict, q10: dict, labels: dict, big: str = "10") -> list[str]:
    lines = [f"| page (queries only) | SQL N=1 | SQL N={big} |", "|---|---:|---:|"]
    for name, label in labels.items():
        a, b = q1.get(name) or {}, q10.get(name) or {}
        lines.append(f"| {label} | {_n(a.get('queries'))} | {_n(b.get('queries'))} |")
    return lines


def verdicts(results, q1, q10, renders, rush, big="10") -> list[str]:
    out = []
    hello = (results.get("hello") or {}).get("capacity", {}).get("rps") or 0
    for name, r in results.items():
        if name == "hello" or not r:
            continue
        if r["latency"]["p95"] > TARGET_P95_MS:
            out.append(f"- MISSED p95 < {TARGET_P95_MS} ms: {name} ({r['latency']['p95']:.0f} ms)")
        if hello and r["capacity"]["rps"] / hello < TARGET_RATIO:
            out.append(f"- MISSED ≥ 25 % of hello: {name} "
                       f"({r['capacity']['rps'] / hello:.0%})")
    for name in q1:
        a, b = (q1.get(name) or {}).get("queries"), (q10.get(name) or {}).get("queries")
        if a is not None and b is not None and a != b:
            out.append(f"- MISSED constant queries: {name} ({a} at N=1, {b} at N={big})")
    for row in renders:
        if row.get("target") and row["seconds"] > row["target"]:
            cpu = row.get("cpu")
            why = (f"; its CPU time is {cpu:.2f} s: the rest is waiting for a core"
                   if cpu is not None and cpu <= row["target"] else "")
            out.append(f"- MISSED {row['label']} < {row['target']} s "
                       f"({row['seconds']:.2f} s wall{why})")
    if rush and (rush.get("lost_saves") or rush.get("errors") or
                 rush.get("submits_not_in_db") or rush.get("sections_not_at_last_version")):
        out.append("- MISSED deadline rush: errors or lost saves (see the rush table)")
    return out or ["- all targets met"]


def history_lines(h: dict | None) -> list[str]:
    """Issue 20 §2/§3 (bench/history.py): history growth of an hour of typing, autosave CPU."""
    if not h:
        return []
    hist, cpu = h["history"], h["autosave"]
    lines = ["## Autosave and its history (bench/history.py)", "",
             "| an hour of typing (autosave every 5 s) | history rows | history bytes |",
             "|---|---:|---:|"]
    for name, label in (("every_save_a_row", "every save its own row (before issue 20)"),
                        ("one_row_per_burst", "one row per editing burst")):
        lines.append(f"| {label} | {hist[name]['rows']} | {hist[name]['bytes']:,} |")
    lines += ["", "| one autosave (in-process) | CPU ms | queries |", "|---|---:|---:|",
              f"| whole form (before issue 20) | {cpu['form']['cpu_ms']} | "
              f"{cpu['form']['queries']:g} |",
              f"| JSON patch of the changed item | {cpu['patch']['cpu_ms']} | "
              f"{cpu['patch']['queries']:g} |", ""]
    return lines


def seq_scan_count(explained: dict | None) -> int:
    return sum(len(p.get("seq_scans", [])) for p in ((explained or {}).get("pages") or {}).values())


def explain_lines(explained: dict | None) -> list[str]:
    """bench/explain.py's findings per page: a Seq Scan on a table above `large` rows."""
    if not explained:
        return []
    lines = ["", f"## EXPLAIN at the largest scale (Seq Scan on tables > {explained['large']} rows)",
             ""]
    for page, found in explained["pages"].items():
        scans = found.get("seq_scans") or []
        lines.append(f"- {page}: {found['queries']} queries, "
                     + ("no Seq Scan on a large table" if not scans else
                        "; ".join(f"Seq Scan on {s['table']} ({s['rows']} rows): `{s['sql'][:200]}`"
                                  for s in scans)))
    return lines


def build(ctx: dict) -> str:
    r = ctx
    big = f"{r.get('scale_max') or 10:g}"
    load = r.get("load") or {}
    lines = [f"# Benchmark {r['started']}", "",
             f"Machine: {r['cpus']} CPU (load average {_n(load.get('start'), '{:.1f}')} at the "
             f"start, {_n(load.get('end'), '{:.1f}')} at the end), gunicorn {r['workers']} gthread "
             f"workers × {r.get('threads', 1)} threads (config/gunicorn.py), {r['users']} users per scenario, {r['seconds']} s per run; latency with "
             "0.5–1.5 s think time, req/s with none (capacity); CPU ms/req is the page's own "
             "CPU time in-process (warm, N=1); web/DB CPU ms/req are gunicorn's and PostgreSQL's "
             "CPU per request served during the capacity run (from /proc). Sessions are made before the runs (bench.plan); "
             f"login cost under the production hasher: {r['login_cpu_s']} s CPU per login "
             "(bench accounts use bench/hashers.py).", "",
             f"Seed: scale 1 in {r['seed1']:.1f} s; scale 1→{big} (additive) in "
             f"{_n(r.get('seed10'), '{:.1f}')} s.", "",
             *page_rows(r["results"], r["q1"], r["q10"], r["labels"], big), "",
             *extra_rows(r["q1"], r["q10"], r["extra_labels"], big),
             *explain_lines(r.get("explain")), "",
             f"## Renders ({r['render_source']})", "",
             "| render | seconds (wall) | CPU s | target | note |", "|---|---:|---:|---:|---|"]
    for row in r["renders"]:
        lines.append(f"| {row['label']} | {row['seconds']:.2f} | {_n(row.get('cpu'), '{:.2f}')} "
                     f"| {_n(row.get('target'), '{} s')} | {row.get('note', '')} |")
    rush = r.get("rush") or {}
    lines += ["", "## Deadline rush", "",
              "| users | saves acknowledged | lost saves | submits acknowledged | "
              "submits not in DB | HTTP errors | save p95 ms |", "|---:|---:|---:|---:|---:|---:|---:|",
              f"| {rush.get('users', 0)} | {rush.get('acknowledged_saves', 0)} | "
              f"{rush.get('lost_saves', '—')} | {rush.get('acknowledged_submits', 0)} | "
              f"{rush.get('submits_not_in_db', '—')} | {rush.get('errors', '—')} | "
              f"{_n(rush.get('save_p95'))} |", "",
              *history_lines(r.get("history")),
              "## Peak memory (RSS, MB)", "",
              "| process | peak |", "|---|---:|"]
    for name, value in r["memory"].items():
        lines.append(f"| {name} | {value} |")
    lines += ["", "## Targets", "", *verdicts(r["results"], r["q1"], r["q10"], r["renders"],
                                              rush, big), ""]
    return "\n".join(lines)
