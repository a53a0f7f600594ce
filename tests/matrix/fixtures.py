"""The `world` fixture shared by the permission-matrix and fuzz tests (pytest_plugins)."""

import pytest

from orgs.roles import Role
from orgs.services import grant_membership

from ..factories import UserFactory
from .world import build_other_issuer, build_world


@pytest.fixture
def world(call, region, unit_a, unit_b, recommender_x, alice, bob, rex, yvonne, eve, rita,
          adam, charlie, bureau_call, county, unit_c, bureau_staff, ursula):
    eve2 = UserFactory(username="eve2")
    grant_membership(user=eve2, organisation=region, role=Role.EXPERT)
    users = {"alice": alice, "bob": bob, "rex": rex, "yvonne": yvonne, "eve": eve,
             "eve2": eve2, "rita": rita, "adam": adam, "charlie": charlie, "ursula": ursula,
             **bureau_staff}
    w = build_world(call=call, region=region, unit_a=unit_a, unit_b=unit_b,
                    recommender_x=recommender_x, users=users)
    build_other_issuer(w, call=bureau_call, county=county, unit_c=unit_c)
    return w
