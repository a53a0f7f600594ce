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
