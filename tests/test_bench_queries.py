"""Queries per page do not grow with the data (issue 7): the benchmark's pages, measured with
the benchmark's own accounts and URLs (bench.plan, bench.queries) on two seed_bench blocks of
different size — a small region-year and one with several times the units, applications,
recommenders and score sheets — must run the same number of SQL queries, under a fixed cap."""

import pytest

from bench import plan as bench_plan
from bench import queries as bench_queries
from bench import seeddata

SMALL = seeddata.Sizes(recommenders=2, units=6, applications=10, experts=4,
                       recommender_users=1, reviewers=2, panel=3, quota=2)
LARGE = seeddata.Sizes(recommenders=5, units=24, applications=48, experts=9,
                       recommender_users=2, reviewers=3, panel=7, quota=3)

# The most queries each page may run (measured: see docs/scaling.md; the cap leaves room for a
# small feature, not for a query per row).
CAPS = {"applicant_home": 18, "section_get": 14, "section_save": 20, "recommender_inbox": 20,
        "region_receipt": 18, "expert_sheet": 24, "statistics": 18, "declare_list": 14,
        "overview": 26, "expert_tasks": 14, "region_overview": 14}


@pytest.fixture
def two_blocks(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ctx = seeddata._shared()
    seeddata._seed_block(0, SMALL, ctx)
    seeddata._seed_block(1, LARGE, ctx)
    return bench_plan.build(0), bench_plan.build(1)


def test_seed_block_has_the_promised_shape(two_blocks):
    from declare.models import Application, Section
    from review.models import ScoreSheet

    small, large = two_blocks
    assert Application.objects.filter(call_id=large["call"]).count() == LARGE.applications
    sections = Section.objects.filter(application__call_id=large["call"])
    assert sections.values("application").distinct().count() == LARGE.applications
    assert ScoreSheet.objects.filter(assignment__panel__call_id=large["call"]).exists()
    for plan in two_blocks:
        for name, spec in plan["scenarios"].items():
            assert name == "hello" or spec["accounts"], f"no account for {name}"


def test_queries_per_page_do_not_grow_with_the_data(two_blocks):
    small, large = (bench_queries.measure(p) for p in two_blocks)
    for name, cap in CAPS.items():
        assert small[name]["status"] == 200, (name, small[name])
        assert large[name]["status"] == 200, (name, large[name])
        assert large[name]["queries"] == small[name]["queries"], (name, small[name], large[name])
        assert 0 < small[name]["queries"] <= cap, (name, small[name]["queries"], cap)


def test_key_page_query_caps_on_the_large_block(two_blocks, django_assert_max_num_queries):
    for page in ("applicant_home", "section_get", "recommender_inbox", "region_receipt",
                 "expert_sheet", "statistics"):
        account = two_blocks[1]["scenarios"][page]["accounts"][0]
        client = bench_queries._client(account["username"])
        client.get(account["url"])  # warm: caches filled, as under load
        with django_assert_max_num_queries(CAPS[page]):
            response = client.get(account["url"])
        assert response.status_code == 200, page
