"""Automatic assignment of experts to applications as a minimum-cost flow.

source → application (capacity k) → expert (capacity 1, only where no conflict; cost by how
closely the expert's speciality matches) → expert's j-th load slot (capacity 1, cost j) → sink.
The rising slot cost balances the load; the flow never uses a conflicted pair because the
edge does not exist. An application with too few eligible experts gets all it may have and
is named in the shortfalls (the assignment is partial, never a broken conflict).
"""

from dataclasses import dataclass

import networkx as nx

MATCH_STEP = 4      # one level of the 职业分类大典 hierarchy is worth 4 extra tasks of load
NO_MATCH_COST = 6 * MATCH_STEP


@dataclass(frozen=True)
class Shortfall:
    application_id: int
    available: int
    needed: int


class AssignmentInfeasible(Exception):
    def __init__(self, shortfalls: list[Shortfall]):
        super().__init__("assignment infeasible")
        self.shortfalls = shortfalls


def trim(code: str) -> str:
    """大典 codes are zero-padded by level: 6-18-00-00 (中类) → 6-18."""
    parts = code.split("-")
    while len(parts) > 1 and parts[-1].strip("0") == "":
        parts.pop()
    return "-".join(parts)


def match_cost(app_codes, expert_codes) -> int:
    """0 for the same 职业; +MATCH_STEP for each level the expert's field is broader."""
    best = None
    for code in map(trim, app_codes):
        for field in map(trim, expert_codes):
            if code == field or code.startswith(field + "-"):
                depth = field.count("-") + 1
                best = depth if best is None else max(best, depth)
    return NO_MATCH_COST if best is None else (4 - best) * MATCH_STEP


def propose_partial(applications: dict[int, list[str]], experts: dict[int, list[str]],
                    conflicts: set[tuple[int, int]], per_application: int,
                    ) -> tuple[dict[int, list[int]], list[Shortfall]]:
    """({application: [experts]}, shortfalls): every application gets `per_application`
    experts, or all its eligible ones when it has fewer; the shortfalls name those.

    applications / experts map ids to occupation codes; conflicts holds (application, expert).
    The flow is always feasible: an application asks for no more experts than it may get,
    and every expert has a load slot for every application.
    """
    app_ids, expert_ids = sorted(applications), sorted(experts)
    eligible = {a: [e for e in expert_ids if (a, e) not in conflicts] for a in app_ids}
    want = {a: min(per_application, len(eligible[a])) for a in app_ids}
    short = [Shortfall(a, len(eligible[a]), per_application) for a in app_ids
             if len(eligible[a]) < per_application]
    total = sum(want.values())
    if total == 0:
        return {a: [] for a in app_ids}, short
    g = nx.DiGraph()
    g.add_node("s", demand=-total)
    g.add_node("t", demand=total)
    for a in app_ids:
        if not want[a]:
            continue
        g.add_edge("s", ("a", a), capacity=want[a], weight=0)
        for e in eligible[a]:
            g.add_edge(("a", a), ("e", e), capacity=1,
                       weight=match_cost(applications[a], experts[e]))
    for e in expert_ids:
        for j in range(len(app_ids)):
            g.add_edge(("e", e), ("l", e, j), capacity=1, weight=j)
            g.add_edge(("l", e, j), "t", capacity=1, weight=0)
    flow = nx.min_cost_flow(g)
    plan = {a: sorted(e for (_tag, e), f in flow[("a", a)].items() if f) if want[a] else []
            for a in app_ids}
    return plan, short


def propose(applications: dict[int, list[str]], experts: dict[int, list[str]],
            conflicts: set[tuple[int, int]], per_application: int) -> dict[int, list[int]]:
    """{application: [experts]} with exactly `per_application` experts each, or
    AssignmentInfeasible naming every application with too few eligible experts."""
    plan, short = propose_partial(applications, experts, conflicts, per_application)
    if short:
        raise AssignmentInfeasible(short)
    return plan
