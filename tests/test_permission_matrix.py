"""Every URL × every role, on real objects: a new view without a check fails here."""

import pytest
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


def test_admin_is_staff_only(alice, bob, rex, yvonne, eve, rita, adam, charlie, ursula,
                             bureau_staff):
    users = {u.username: u for u in (alice, bob, rex, yvonne, eve, rita, adam, charlie, ursula,
                                     *bureau_staff.values())}
    clients = clients_for(users, ("anonymous", *users))
    for actor, client in clients.items():
        r = client.get("/admin/")
        assert (r.status_code == 200) == (actor in ("adam", "oscar")), actor


def test_another_issuers_administrator_opens_no_record_in_the_admin(bureau_staff):
    """oscar is staff (an 系统管理员 membership of the city bureau) but holds no model permission:
    the admin index opens, every list of records is refused."""
    client = clients_for(bureau_staff, ["oscar"])["oscar"]
    for path in ("/admin/review/expert/", "/admin/declare/application/",
                 "/admin/declare/section/", "/admin/audit/auditlog/", "/admin/orgs/membership/",
                 "/admin/calls/call/"):
        assert client.get(path).status_code == 403, path
