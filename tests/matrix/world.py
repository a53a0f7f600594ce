"""Real objects for the permission matrix: the cast plus one object of every kind, made
through each app's own services (declare, quotas, documents, review, projects)."""

from types import SimpleNamespace

from notify.services import send

from .world_declare import build_declare
from .world_issuer import panel_of, pool_expert
from .world_projects import build_projects
from .world_review import build_review
from .world_verify import build_verify


class World(SimpleNamespace):
    """users: actor name → user; everything else is an attribute (app_a, panel, project …)."""


def build_world(*, call, region, unit_a, unit_b, recommender_x, users) -> World:
    w = World(users=users, call=call, region=region, unit_a=unit_a, unit_b=unit_b,
              recommender_x=recommender_x)
    build_declare(w, call=call, unit_a=unit_a, unit_b=unit_b, recommender_x=recommender_x)
    build_review(w, call=call, region=region, unit_a=unit_a, unit_b=unit_b,
                 recommender_x=recommender_x)
    build_projects(w, region=region, unit_a=unit_a)
    build_verify(w)
    w.note_alice = send([users["alice"]], title="矩阵消息", body="只有 alice 能打开。")[0]
    return w


def build_other_issuer(w: World, *, call, county, unit_c) -> None:
    """A second issuer's call (a city bureau's) with a scoring panel of its own 专家库: ezra is
    a member with an assignment there, and in no panel of the region's."""
    u = w.users
    w.bureau_call = call
    w.expert_ezra = pool_expert(call.issuer, u["ezra"], "丙市库专家")
    w.bureau_panel, w.assignment_ezra = panel_of(call, pool=call.issuer, reviewer=u["olga"],
                                                 recommender=county, unit=unit_c,
                                                 member=w.expert_ezra, prefix="cx")
