"""The exact number of SQL queries of the recommender inbox, the region receipt, the expert
sheet and the statistics page (issue 20 §4), each loaded warm by the benchmark's own account
and URL on a block of ten applications (bench.seeddata): a new query on any of these pages —
a lookup per row, a second aggregate — fails here with the page named. The same counts at
N = 10 and 100: tests/test_query_scaling.py."""

import pytest

from bench import plan as bench_plan
from bench import queries as bench_queries
from bench import seeddata

from .test_query_scaling import sizes

# once warm the session (cached_db), the user (orgs.usercache) and the roles (orgs.rolecache)
# come from the cache: no identity query
EXPECTED = {"recommender_inbox": 4, "region_receipt": 3, "expert_sheet": 5, "statistics": 1}


@pytest.fixture
def plan(db):
    seeddata._seed_block(0, sizes(10), seeddata._shared())
    return bench_plan.build(0)


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_key_page_runs_its_fixed_number_of_queries(plan, page, django_assert_num_queries):
    account = plan["scenarios"][page]["accounts"][0]
    client = bench_queries._client(account["username"])
    first = client.get(account["url"])
    assert first.status_code == 200, (page, first.status_code)
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(account["url"])
    assert response.status_code == 200
