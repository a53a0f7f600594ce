"""Same number of SQL queries at N = 10 and 100 applications (issue 20 §4, §6): two
seed_bench blocks (bench.seeddata, bulk_create) whose recommender, region, expert panel and
statistics see WORLDS[i] applications each (a world of one application cannot hold every
page at once: a draft for the applicant's pages, forwarded ones for the receipt, admitted ones
for the expert; ten is the smallest block with all of them); every key page, loaded by the benchmark's own
accounts and URLs (bench.plan, bench.queries: the second, warm request counted), must issue the
same number of queries in each world. A query per row would show as a difference."""

import pytest

from bench import plan as bench_plan
from bench import queries as bench_queries
from bench import seeddata

KEY_PAGES = ("applicant_home", "section_get", "recommender_inbox", "region_receipt",
             "expert_sheet", "statistics")


def sizes(applications: int) -> seeddata.Sizes:
    """One recommender and one panel per kind see every application of the block: the inbox
    (20 rows a page), the receipt, the panel's sheets and the statistics all grow with N."""
    return seeddata.Sizes(recommenders=1, units=max(2, applications // 2),
                          applications=applications, experts=4, recommender_users=1,
                          reviewers=1, panel=3, quota=max(2, applications // 5))


WORLDS = (10, 100)


@pytest.fixture
def worlds(db, settings):
    ctx = seeddata._shared()
    for block, n in enumerate(WORLDS):
        seeddata._seed_block(block, sizes(n), ctx)
    return [bench_plan.build(block) for block in range(len(WORLDS))]


def test_key_pages_issue_the_same_queries_at_10_and_100_applications(worlds):
    counts = {}
    for n, plan in zip(WORLDS, worlds, strict=True):
        measured = bench_queries.measure(plan)
        for page in KEY_PAGES:
            assert measured[page] is not None, (n, page, "no account for the page")
            assert measured[page]["status"] == 200, (n, page, measured[page])
            counts.setdefault(page, {})[n] = measured[page]["queries"]
    print("queries per page at N=10/100:", counts)
    for page, by_n in counts.items():
        assert len(set(by_n.values())) == 1, (page, by_n)


def test_explain_checker_finds_a_forced_seq_scan_and_none_on_the_key_pages(db):
    """bench.explain's checker on a small seeded block: a table made large (12 000 events of
    one application) read by an unindexed column is a Seq Scan it reports; read by its
    indexed foreign key it is not; and no key page seq-scans it (or any table above 10 000)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import explain
    from bench.seedcopy import copy_dicts
    from declare.models import Application, ApplicationEvent, ApplicationStatus

    seeddata._seed_block(0, sizes(10), seeddata._shared())
    app = Application.objects.filter(status=ApplicationStatus.NOT_RECOMMENDED).first() \
        or Application.objects.order_by("-pk").first()
    copy_dicts(ApplicationEvent, [{"application_id": app.pk, "action": "bench",
                                   "comment": f"第{i}条"} for i in range(12_000)])
    explain.analyze()
    with CaptureQueriesContext(connection) as ctx:
        list(ApplicationEvent.objects.filter(comment="第7条").order_by())
        list(ApplicationEvent.objects.filter(application_id=app.pk + 1).order_by())
    unindexed, indexed = (q["sql"] for q in ctx.captured_queries)
    # The app role may not ANALYZE tables it does not own: the size is counted here instead.
    big = {"declare_applicationevent": ApplicationEvent.objects.count()}
    found = explain.seq_scans([unindexed], sizes=big)
    assert [f["table"] for f in found] == ["declare_applicationevent"], found
    assert found[0]["rows"] > explain.LARGE
    assert explain.seq_scans([indexed], sizes=big) == []
    checked = explain.check(bench_plan.build(0))
    for page in KEY_PAGES:
        assert checked[page]["status"] == 200, (page, checked[page])
        assert checked[page]["seq_scans"] == [], (page, checked[page]["seq_scans"])
