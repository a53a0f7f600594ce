"""The benchmark table (Markdown), printed and written to var/bench/report.md."""

TARGET_P95_MS = 300            # a page at 50 users with think time
TARGET_CPU_MS = 12             # web + database CPU per request of a key page (issue 20 §4)
TARGET_SAVE_CPU_MS = 6         # one autosave (issue 20 §2)
TARGET_RUSH_SAVE_P95_MS = 500  # the deadline rush (issue 20 §5)
TARGET_RUSH_SUBMIT_P95_MS = 2000
KEY_PAGES = ("applicant_home", "section_get", "recommender_inbox", "region_receipt",
             "expert_sheet", "statistics")


def _n(value, fmt="{:.0f}"):
    return "—" if value is None else fmt.format(value)


def _server_cpu(run: dict | None) -> float | None:
    """web + database CPU ms per request of a capacity run under gunicorn."""
    cap = (run or {}).get("capacity") or {}
    if cap.get("web_cpu_ms") is None:
        return None
    return cap["web_cpu_ms"] + (cap.get("db_cpu_ms") or 0)


def _own_cpu(row: dict | None) -> float | None:
    """web + database CPU ms per request in-process (bench/queries.py) at one N."""
    if not row or row.get("cpu_ms") is None:
        return None
    return row["cpu_ms"] + (row.get("db_cpu_ms") or 0)


def _scales(queries: dict) -> list[str]:
    return sorted(queries, key=float)


def load_rows(results: dict, big_results: dict, labels: dict, big: str | None) -> list[str]:
    """Under load: gunicorn, 50 users, N=1 (and the capacity run again at the largest N)."""
    hello = _server_cpu(results.get("hello"))
    head = ("| page | median ms | p95 ms | req/s | web CPU ms/req | DB CPU ms/req | "
            "web+DB ms/req | × bare view | " + (f"web+DB ms/req N={big} | " if big else "")
            + "failures |")
    lines = [head, "|---|" + "---:|" * (head.count("|") - 2)]
    for name, label in labels.items():
        r = results.get(name)
        if not r:
            lines.append(f"| {label} | not measured (page missing) |")
            continue
        lat, cap = r["latency"], r["capacity"]
        cpu = _server_cpu(r)
        ratio = cpu / hello if cpu is not None and hello else None
        fails = lat["failures"] + cap["failures"]
        row = (f"| {label} | {_n(lat['median'])} | {_n(lat['p95'])} | "
               f"{_n(cap['rps'], '{:.1f}')} | {_n(cap.get('web_cpu_ms'), '{:.1f}')} | "
               f"{_n(cap.get('db_cpu_ms'), '{:.1f}')} | {_n(cpu, '{:.1f}')} | "
               f"{_n(ratio, '{:.1f}×')} | ")
        if big:
            row += f"{_n(_server_cpu(big_results.get(name)), '{:.1f}')} | "
            fails += ((big_results.get(name) or {}).get("capacity") or {}).get("failures", 0)
        lines.append(row + f"{fails} |")
    return lines


def scale_rows(queries: dict, labels: dict) -> list[str]:
    """In-process, per N: web + database CPU and SQL queries of one warm request."""
    ns = _scales(queries)
    head = ("| page | " + " | ".join(f"web+DB ms N={n}" for n in ns) + " | "
            + " | ".join(f"SQL N={n}" for n in ns) + " |")
    lines = [head, "|---|" + "---:|" * (2 * len(ns))]
    for name, label in labels.items():
        rows = [queries[n].get(name) or {} for n in ns]
        lines.append(f"| {label} | " + " | ".join(_n(_own_cpu(r), "{:.1f}") for r in rows)
                     + " | " + " | ".join(_n(r.get("queries")) for r in rows) + " |")
    return lines


def verdicts(results, big_results, queries, renders, rush) -> list[str]:
    out = []
    for name, r in results.items():
        if name == "hello" or not r:
            continue
        if r["latency"]["p95"] > TARGET_P95_MS:
            out.append(f"- MISSED p95 < {TARGET_P95_MS} ms: {name} ({r['latency']['p95']:.0f} ms)")
    ns = _scales(queries)
    at10 = queries.get("10") or {}
    for name in KEY_PAGES:
        for where, cpu in ((f"in-process at N={'10' if at10 else ns[0]}",
                            _own_cpu((at10 or queries[ns[0]]).get(name))),
                           ("under gunicorn at N=1", _server_cpu(results.get(name))),
                           (f"under gunicorn at N={ns[-1]}", _server_cpu(big_results.get(name)))):
            if cpu is not None and cpu > TARGET_CPU_MS:
                out.append(f"- MISSED web+DB ≤ {TARGET_CPU_MS} ms: {name} {where} ({cpu:.1f} ms)")
        small, large = _own_cpu(at10.get(name)), _own_cpu(queries[ns[-1]].get(name))
        if at10 and ns[-1] != "10" and small and large and large > small * 1.25 + 1:
            out.append(f"- MISSED CPU constant in N: {name} ({small:.1f} ms at N=10, "
                       f"{large:.1f} ms at N={ns[-1]})")
    save = _own_cpu((at10 or queries[ns[0]]).get("section_save"))
    if save is not None and save > TARGET_SAVE_CPU_MS:
        out.append(f"- MISSED autosave ≤ {TARGET_SAVE_CPU_MS} ms web+DB in-process "
                   f"({save:.1f} ms)")
    for name in queries[ns[0]]:
        counts = [(queries[n].get(name) or {}).get("queries") for n in ns]
        if None not in counts and len(set(counts)) > 1:
            out.append(f"- MISSED constant queries: {name} ("
                       + ", ".join(f"{c} at N={n}" for c, n in zip(counts, ns, strict=True)) + ")")
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
    for key, target in (("save_p95", TARGET_RUSH_SAVE_P95_MS),
                        ("submit_p95", TARGET_RUSH_SUBMIT_P95_MS)):
        if rush and (rush.get(key) or 0) > target:
            out.append(f"- MISSED deadline rush {key.replace('_', ' ')} < {target} ms "
                       f"({rush[key]:.0f} ms)")
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
    queries, seeded = r["queries"], r.get("seeded") or {}
    ns = _scales(queries)
    big = ns[-1] if len(ns) > 1 and r.get("big_results") else None
    load = r.get("load") or {}
    lines = [f"# Benchmark {r['started']}", "",
             f"Machine: {r['cpus']} CPU (load average {_n(load.get('start'), '{:.1f}')} at the "
             f"start, {_n(load.get('end'), '{:.1f}')} at the end), gunicorn {r['workers']} "
             f"gthread workers × {r.get('threads', 1)} threads (config/gunicorn.py), "
             f"{r['users']} users per scenario, {r['seconds']} s per run. Sessions are made "
             "before the runs (bench.plan); login cost under the production hasher: "
             f"{r['login_cpu_s']} s CPU per login (bench accounts use bench/hashers.py).", "",
             "Seed: " + "; ".join(f"scale {n} in {seeded[n]:.1f} s" + (" (additive)" if n != "1"
                                                                       else "")
                                  for n in _scales(seeded)) + ".", "",
             "## Under load (gunicorn, N=1)", "",
             "Latency with 0.5–1.5 s think time, req/s with none (capacity); web/DB CPU ms/req "
             "are gunicorn's and PostgreSQL's CPU per request served during the capacity run, "
             "from /proc, of the processes this run started only; × bare view is web+DB CPU "
             "over the bare hello view's." + (f" The capacity runs are repeated at N={big}."
                                               if big else ""), "",
             *load_rows(r["results"], r.get("big_results") or {}, r["labels"], big), "",
             "## Per request by data size (in-process, warm)", "",
             "One signed-in client, no load generator: this process's CPU and its PostgreSQL "
             "backend's, the mean of several requests, and the SQL queries of one.", "",
             *scale_rows(queries, r["labels"]), "",
             "| page (queries only) | " + " | ".join(f"SQL N={n}" for n in ns) + " |",
             "|---|" + "---:|" * len(ns),
             *[f"| {label} | " + " | ".join(_n((queries[n].get(name) or {}).get("queries"))
                                            for n in ns) + " |"
               for name, label in r["extra_labels"].items()],
             *explain_lines(r.get("explain")), "",
             f"## Renders ({r['render_source']})", "",
             "| render | seconds (wall) | CPU s | target | note |", "|---|---:|---:|---:|---|"]
    for row in r["renders"]:
        lines.append(f"| {row['label']} | {row['seconds']:.2f} | {_n(row.get('cpu'), '{:.2f}')} "
                     f"| {_n(row.get('target'), '{} s')} | {row.get('note', '')} |")
    rush = r.get("rush") or {}
    lines += ["", "## Deadline rush", "",
              "| users | saves acknowledged | lost saves | submits acknowledged | "
              "submits not in DB | HTTP errors | save median / p95 ms | submit median / p95 ms |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|",
              f"| {rush.get('users', 0)} | {rush.get('acknowledged_saves', 0)} | "
              f"{rush.get('lost_saves', '—')} | {rush.get('acknowledged_submits', 0)} | "
              f"{rush.get('submits_not_in_db', '—')} | {rush.get('errors', '—')} | "
              f"{_n(rush.get('save_median'))} / {_n(rush.get('save_p95'))} | "
              f"{_n(rush.get('submit_median'))} / {_n(rush.get('submit_p95'))} |", "",
              *history_lines(r.get("history")),
              "## Peak memory (RSS, MB)", "",
              "| process | peak |", "|---|---:|"]
    for name, value in r["memory"].items():
        lines.append(f"| {name} | {value} |")
    lines += ["", "## Targets", "", *verdicts(r["results"], r.get("big_results") or {}, queries,
                                              r["renders"], rush), ""]
    return "\n".join(lines)
