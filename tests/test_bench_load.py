"""The bench reads locust's CSV statistics even when a request name completed nothing (locust
writes "N/A" percentiles then: a slow peer page under a short run) instead of crashing."""

import csv

from bench.load import read_stats


def test_a_name_without_completed_requests_reads_as_zero(tmp_path):
    path = tmp_path / "stats.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Name", "Request Count", "Failure Count", "50%", "95%", "Requests/s"])
        out.writerow(["page", "0", "0", "N/A", "N/A", "0.0"])
        out.writerow(["save", "12", "1", "40", "95", "3.5"])
    assert read_stats(str(path)) == {
        "page": {"count": 0, "failures": 0, "median": 0.0, "p95": 0.0, "rps": 0.0},
        "save": {"count": 12, "failures": 1, "median": 40.0, "p95": 95.0, "rps": 3.5}}
