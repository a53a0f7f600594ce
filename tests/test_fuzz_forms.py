"""Hostile and random input posted to every form of every page a role may open: never a 500,
and a refused post changes nothing that is stored. Every post carries a hostile
X-Forwarded-For header (behind one trusted proxy), and every form and every JSON endpoint found
on the pages also gets a NUL byte, which the one boundary (core.middleware) refuses with a 400.

Pages come from the permission matrix (tests/matrix/cases.py), so a new form is fuzzed as soon
as its URL is registered there. Files are not fuzzed here (see the upload tests). Every post
runs in a rolled-back savepoint, so each example starts from the same stored data.
"""

import json
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from declare.models import Section

from .matrix.cases import all_cases
from .matrix.forms import forms_on
from .matrix.runner import clients_for, fingerprint, send

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
XFF = st.sampled_from([
    "x", "<script>", "1.2.3.4.5", "6.6.6.6", "6.6.6.6, x", "", " , ", "\x00", "::::",
    "fe80::1%eth0", "999.999.999.999", "1.2.3.4:80", "中" * 200, "1.2.3.4," * 300,
    "6.6.6.6, 198.51.100.4",
])
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


JSON_URL = re.compile(r'data-reorder-url="([^"]+)"')   # static/js/materials.js posts JSON there


def fuzz_targets(world, clients):
    """(actor, action, form) for every POST form on every GET page some actor may open, and
    (actor, url) for every JSON endpoint those pages post to; the same form (action and fields)
    on several pages is fuzzed once. The pages are opened for real (not rolled back): what a
    first visit stores (a package row, a pending TOTP secret) is then in place, so a refused
    post that re-renders the page must store nothing at all."""
    targets, json_targets, seen = [], {}, set()
    for group in all_cases().values():
        for case in group:
            if case.method != "get" or not case.allowed:
                continue
            actor = sorted(case.allowed)[0]
            path = case.path(world)
            response = clients[actor].get(path)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            json_targets.update({url: actor for url in JSON_URL.findall(html)})
            for form in forms_on(html):
                action = form.action or path
                key = (action, tuple(sorted(form.fields)))
                if action.startswith(("/logout", "/login")) or key in seen:
                    continue
                seen.add(key)
                targets.append((actor, action, form))
    return targets, json_targets


def _short(payload) -> dict:
    return {k: (v if len(v) < 40 else f"{v[:20]!r}…({len(v)})") for k, v in payload.items()}


def _attack(client, action, payload, tally, xff=None):
    """Post once (rolled back); a refused post must leave every business table unchanged."""
    client.defaults["HTTP_X_FORWARDED_FOR"] = xff
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
    assert response.status_code < 500, \
        f"POST {action} {_short(payload)} X-Forwarded-For {xff!r} → {response.status_code}"
    if response.status_code in REFUSED:
        tally["refused"] += 1
        assert not changed, f"POST {action} was refused ({response.status_code}) but changed data"


def _fuzz_form(client, action, form, tally):
    @settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(payload=_payload(form), xff=XFF)
    def attack(payload, xff):
        _attack(client, action, payload, tally, xff)

    attack()


def test_no_form_answers_hostile_input_with_a_server_error(world, capsys, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    clients = clients_for(world.users, {a for g in all_cases().values() for c in g
                                        for a in c.allowed})
    targets, json_targets = fuzz_targets(world, clients)
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
    assert any("/materials/reorder/" in url for url in json_targets)
    nul = _nul_everywhere(clients, targets, json_targets, world)
    assert nul == {"refused": len(targets) + len(json_targets) + 1, "unexpected": []}
    with capsys.disabled():
        print(f"\n表单模糊测试：{len(targets)} forms, {tally['posts']} hostile posts "
              f"({tally['values']} field values), {tally['refused']} refused with data unchanged, "
              f"NUL refused by {nul['refused']} form/JSON endpoints, 0 server errors")
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


def _nul_everywhere(clients, targets, json_targets, world) -> dict:
    """One post with a NUL byte in every field of every form, one JSON body with a NUL to every
    JSON endpoint, and a section autosave with one: each a 400 in Chinese, nothing stored."""
    from core.middleware import MESSAGE

    def laced(form):  # a form of buttons only gets the NUL in a field of its own
        fields = {name: f"{(form.choices.get(name) or [''])[-1]}\x00"
                  for name, kind in form.fields.items()
                  if kind != "file" and name not in SKIP_FIELDS}
        return fields or {"note": "\x00"}

    sends = [(clients[actor], action, laced(form), {}) for actor, action, form in targets]
    sends += [(clients[actor], url, json.dumps({"item": "evidence\x00", "ids": [1]}),
               {"content_type": "application/json"}) for url, actor in sorted(json_targets.items())]
    sends.append((clients["alice"], f"/declare/{world.app_a_draft.pk}/sections/"
                  f"{world.section_key}/", {"name": "王\x00", "base_version": "1"},
                  {"headers": {"X-Autosave": "1", "Accept": "application/json"}}))
    outcome = {"refused": 0, "unexpected": []}
    for client, action, data, extra in sends:
        client.defaults.pop("HTTP_X_FORWARDED_FOR", None)
        with transaction.atomic():
            before = fingerprint()
            response = client.post(action, data, **extra)
            changed = fingerprint() != before
            transaction.set_rollback(True)
        json_answer = "json" in response["Content-Type"]
        shown = response.json()["message"] if json_answer else response.content.decode()
        if response.status_code == 400 and MESSAGE in shown and not changed:
            outcome["refused"] += 1
        else:
            outcome["unexpected"].append(f"{action} → {response.status_code}, changed={changed}")
    return outcome
