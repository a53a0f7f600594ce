"""Hostile and random input posted to every form of every page a role may open: never a 500,
and a refused post changes nothing that is stored.

Pages come from the permission matrix (tests/matrix/cases.py), so a new form is fuzzed as soon
as its URL is registered there. Files are not fuzzed here (see the upload tests). Every post
runs in a rolled-back savepoint, so each example starts from the same stored data.
"""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from declare.models import Section

from .matrix.cases import all_cases
from .matrix.forms import forms_on
from .matrix.runner import clients_for, send

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.matrix.fixtures"]

HOSTILE = st.sampled_from([
    "", " ", "0", "-1", "1e309", "NaN", "99999999999999999999999", "-0.001", "1,5",
    "2025-02-30", "0000-00-00", "9999-12", "13:61", "＝１＋１", "=cmd|' /C calc'!A0", "+1", "@SUM(A1)",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE x; --",
    "../../etc/passwd", "%00", "\x00", "a\x00b", "\u202e", "🙂" * 50, "中" * 5000,
    "x" * 100000, "\r\n\r\n", "{{ 7*7 }}", "{% debug %}", "None", "null", "[]", "{}",
])
VALUE = st.one_of(HOSTILE, st.text(max_size=300), st.integers().map(str),
                  st.floats(allow_nan=True).map(str))
SKIP_FIELDS = {"csrfmiddlewaretoken"}
EXAMPLES_PER_FORM = 6
# A refused post re-renders the form (200) or answers 4xx; accepted ones redirect (302).
REFUSED = {200, 400, 403, 404, 405, 409, 422}


def _payload(form):
    fields = {}
    for name, kind in form.fields.items():
        if name in SKIP_FIELDS or kind == "file":
            continue
        options = [v for v in form.choices.get(name, []) if v]
        fields[name] = st.one_of(st.sampled_from(options), VALUE) if options else VALUE
    return st.fixed_dictionaries(fields)


def fuzz_targets(world, clients):
    """(actor, action, form) for every POST form on every GET page some actor may open; the
    same form (action and fields) on several pages is fuzzed once. The pages are opened for
    real (not rolled back): what a first visit stores (a package row, a pending TOTP secret) is
    then in place, so a refused post that re-renders the page must store nothing at all."""
    targets, seen = [], set()
    for group in all_cases().values():
        for case in group:
            if case.method != "get" or not case.allowed:
                continue
            actor = sorted(case.allowed)[0]
            path = case.path(world)
            response = clients[actor].get(path)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            for form in forms_on(response.content.decode()):
                action = form.action or path
                key = (action, tuple(sorted(form.fields)))
                if action.startswith(("/logout", "/login")) or key in seen:
                    continue
                seen.add(key)
                targets.append((actor, action, form))
    return targets


def _short(payload) -> dict:
    return {k: (v if len(v) < 40 else f"{v[:20]!r}…({len(v)})") for k, v in payload.items()}


def _attack(client, action, payload, tally):
    """Post once (rolled back); a refused post must leave every business table unchanged."""
    def shown_again(response):
        # What an accepted post stored must render on the page it leads to.
        target = response.get("Location", "")
        if response.status_code == 302 and target.startswith("/") and \
                not target.startswith("/login/"):
            shown = client.get(target)
            assert shown.status_code < 500, f"GET {target} after POST {action} → 500"

    response, changed = send(client, "post", action, payload, watch=True, then=shown_again)
    tally["posts"] += 1
    tally["values"] += len(payload)
    assert response.status_code < 500, f"POST {action} {_short(payload)} → {response.status_code}"
    if response.status_code in REFUSED:
        tally["refused"] += 1
        assert not changed, f"POST {action} was refused ({response.status_code}) but changed data"


def _fuzz_form(client, action, form, tally):
    @settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(payload=_payload(form))
    def attack(payload):
        _attack(client, action, payload, tally)

    attack()


def test_no_form_answers_hostile_input_with_a_server_error(world, capsys):
    clients = clients_for(world.users, {a for g in all_cases().values() for c in g
                                        for a in c.allowed})
    targets = fuzz_targets(world, clients)
    assert any(action == "/password/" for _a, action, _f in targets)
    assert any(action == "/account/" for _a, action, _f in targets)
    assert any("/sections/" in action for _a, action, _f in targets)
    tally = {"posts": 0, "values": 0, "refused": 0}
    failures = []
    for actor, action, form in targets:
        try:
            _fuzz_form(clients[actor], action, form, tally)
        except Exception as exc:  # noqa: BLE001 - keep going: report every failing form at once
            failures.append(f"{actor} {action}: {str(exc).splitlines()[0]}")
    assert not failures, "\n".join(failures)
    _section_round_trip(world, clients["alice"], tally)
    with capsys.disabled():
        print(f"\n表单模糊测试：{len(targets)} forms, {tally['posts']} hostile posts "
              f"({tally['values']} field values), {tally['refused']} refused with data unchanged, "
              "0 server errors")
    assert tally["posts"] >= len(targets) * EXAMPLES_PER_FORM // 2


def _section_round_trip(world, client, tally):
    """附件4 表1 (领办人): what was saved stays exactly as saved when a hostile post is refused;
    what is accepted is stored and the page still renders it."""
    section = world.draft_section
    path = f"/declare/{world.app_a_draft.pk}/sections/{world.section_key}/"

    @settings(max_examples=24, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(name=VALUE, skill_level=VALUE, base_version=st.one_of(VALUE, st.just("1")))
    def attack(name, skill_level, base_version):
        payload = {"name": name, "skill_level": skill_level, "base_version": base_version}
        with transaction.atomic():
            response = client.post(path, payload)
            tally["posts"] += 1
            assert response.status_code < 500, f"POST {path} {_short(payload)}"
            stored = Section.objects.get(pk=section.pk)
            if response.status_code == 302:
                assert client.get(path).status_code == 200
            else:
                tally["refused"] += 1
                assert (stored.data, stored.version) == (section.data, section.version)
            transaction.set_rollback(True)

    attack()
