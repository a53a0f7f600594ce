"""The min-cost-flow assignment: coverage, conflicts never broken, speciality and load."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review.services.assignment import AssignmentInfeasible, match_cost, propose


def test_every_application_gets_exactly_k_distinct_experts_with_balanced_load():
    apps = {a: ["6-18-01-01"] for a in range(1, 7)}
    experts = {e: [] for e in range(10, 17)}
    plan = propose(apps, experts, set(), 5)
    assert all(len(set(es)) == 5 for es in plan.values())
    loads = [sum(e in es for es in plan.values()) for e in experts]
    assert sum(loads) == 30 and max(loads) - min(loads) <= 1


def test_speciality_match_is_preferred_when_load_allows():
    apps = {1: ["6-18-01-01"], 2: ["4-10-01-01"]}
    experts = {10: ["6-18"], 11: ["4-10-01-01"], 12: []}
    plan = propose(apps, experts, set(), 1)
    assert plan == {1: [10], 2: [11]}


def test_match_cost_rises_with_the_breadth_of_the_expert_field():
    assert match_cost(["6-18-01-01"], ["6-18-01-01"]) == 0
    assert match_cost(["6-18-01-01"], ["6-18-00-00"]) == 8
    assert match_cost(["6-18-01-01"], ["6-00-00-00"]) == 12
    assert match_cost(["6-18-01-01"], ["6-18-01-00"]) == 4
    assert match_cost(["6-18-01-01"], ["6-1"]) == 24  # not a hierarchy prefix


def test_infeasible_assignment_names_each_application_lacking_experts():
    apps = {1: [], 2: [], 3: []}
    experts = {10: [], 11: [], 12: []}
    conflicts = {(2, 10), (3, 10), (3, 11)}
    with pytest.raises(AssignmentInfeasible) as exc:
        propose(apps, experts, conflicts, 3)
    assert [(s.application_id, s.available, s.needed) for s in exc.value.shortfalls] == \
        [(2, 2, 3), (3, 1, 3)]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_random_instances_never_assign_a_conflicted_pair(seed):
    rnd = random.Random(seed)
    n_apps, n_experts = rnd.randint(1, 12), rnd.randint(5, 11)
    k = rnd.choice([1, 3, 5])
    codes = ["6-18-01-01", "6-18", "4-10-01-01", "4", "6"]
    apps = {a: [rnd.choice(codes)] for a in range(n_apps)}
    experts = {100 + e: rnd.sample(codes, rnd.randint(0, 2)) for e in range(n_experts)}
    conflicts = {(a, e) for a in apps for e in experts if rnd.random() < 0.25}
    try:
        plan = propose(apps, experts, conflicts, k)
    except AssignmentInfeasible as exc:
        short = {s.application_id for s in exc.shortfalls}
        assert short == {a for a in apps
                         if sum((a, e) not in conflicts for e in experts) < k}
        return
    for a, es in plan.items():
        assert len(es) == len(set(es)) == k
        assert not any((a, e) in conflicts for e in es)
