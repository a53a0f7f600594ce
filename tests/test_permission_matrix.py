"""Every URL × every role, on real objects: a new view without a check fails here."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .matrix.cases import ACTORS, PUBLIC, all_cases
from .matrix.runner import clients_for, outcome, send

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.matrix.fixtures"]


def named_urls(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            if p.namespace == "admin":
                continue  # Django admin: staff only, covered by test_admin_is_staff_only
            yield from named_urls(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name


def test_every_named_url_has_a_permission_case():
    missing = sorted(set(named_urls()) - set(all_cases()) - PUBLIC)
    assert missing == [], f"URL 未登记权限用例（tests/matrix/cases.py）：{missing}"


def test_no_case_is_registered_for_a_url_that_does_not_exist():
    assert sorted(set(all_cases()) - set(named_urls())) == []


def test_matrix(world, capsys):
    cases = all_cases()
    clients = clients_for(world.users, ACTORS)
    checked, wrong, refused_writes = 0, [], 0
    for name, group in cases.items():
        for case in group:
            path, data = case.path(world), case.payload(world)
            for actor in ACTORS:
                want = "allowed" if actor in case.allowed else "denied"
                response, changed = send(clients[actor], case.method, path, data,
                                         watch=want == "denied" and case.method == "post")
                got = outcome(response)
                checked += 1
                if got != want:
                    wrong.append(f"{name} {case.method.upper()} {path} {actor}: "
                                 f"{response.status_code} ≠ {want}")
                elif changed:
                    wrong.append(f"{name} {case.method.upper()} {path} {actor}: refused, "
                                 "but stored data changed")
                refused_writes += want == "denied" and case.method == "post"
    n_cases = sum(len(g) for g in cases.values())
    with capsys.disabled():
        print(f"\n权限矩阵：{len(cases)} URLs（{n_cases} cases）× {len(ACTORS)} roles = "
              f"{checked} checks; {refused_writes} refused POSTs changed nothing")
    assert not wrong, "\n".join(wrong)
    assert checked == n_cases * len(ACTORS)


def test_admin_is_staff_only(alice, bob, rex, yvonne, eve, rita, adam, charlie):
    users = {u.username: u for u in (alice, bob, rex, yvonne, eve, rita, adam, charlie)}
    for actor in ("anonymous", *users):
        client = Client()
        if actor != "anonymous":
            client.force_login(users[actor])
        r = client.get("/admin/")
        assert (r.status_code == 200) == (actor == "adam"), actor
