"""Real objects for the permission matrix: the cast plus one object of every kind, made
through each app's own services (declare, quotas, documents, review, projects)."""

from types import SimpleNamespace

from .world_declare import build_declare
from .world_projects import build_projects
from .world_review import build_review


class World(SimpleNamespace):
    """users: actor name → user; everything else is an attribute (app_a, panel, project …)."""


def build_world(*, call, region, unit_a, unit_b, recommender_x, users) -> World:
    w = World(users=users, call=call, region=region, unit_a=unit_a, unit_b=unit_b,
              recommender_x=recommender_x)
    build_declare(w, call=call, unit_a=unit_a, unit_b=unit_b, recommender_x=recommender_x)
    build_review(w, call=call, region=region, unit_a=unit_a, unit_b=unit_b,
                 recommender_x=recommender_x)
    build_projects(w, region=region, unit_a=unit_a)
    return w
