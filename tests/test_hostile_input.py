"""Bad input found by the form fuzzer (tests/test_fuzz_forms.py) and the probe of issue 14,
pinned: a refusal in Chinese, never a 500, nothing stored. A NUL byte anywhere in a request is
refused at one boundary (core.middleware.RefuseNulMiddleware)."""

import json
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from catalog.selectors import get_occupation, search_occupations
from core.middleware import MESSAGE as NUL_REFUSED
from declare.models import ApplicationStatus, Material
from declare.services.materials import add_material
from review.models import ConflictDeclaration, ScoreSheet, SheetStatus

from .quotas_support import submitted_application
from .review_support import admit_all, assignments, expert_pool, fill, forwarded, scoring_panel
from .test_uploads_samples import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(call, unit_a, recommender_x, region, rita):
    forwarded(call, unit_a)
    admit_all(call, rita, [recommender_x])
    return scoring_panel(call, rita, expert_pool(region, 5), per_application=None)


@pytest.mark.parametrize("value", ["", "0.0", "1e3", "abc", "-1", "１"])
def test_assignment_toggle_with_a_malformed_id_is_a_404(client, panel, rita, value):
    client.force_login(rita)
    url = reverse("review:panel_toggle", args=[panel.pk])
    response = client.post(url, {"application": value, "expert": value})
    assert response.status_code == 404


def test_overlong_reopen_reason_is_refused_and_the_sheet_stays_submitted(client, panel, rita):
    sheet = fill(assignments(panel)[0], Decimal("0.8"))
    client.force_login(rita)
    response = client.post(reverse("review:sheet_reopen", args=[sheet.pk]),
                           {"reason": "中" * 201}, follow=True)
    assert response.status_code == 200
    assert "退回理由不能超过200字。" in response.content.decode()
    assert ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.SUBMITTED


def test_overlong_conflict_reason_is_refused_and_nothing_is_declared(client, panel):
    task = assignments(panel)[0]
    client.force_login(task.expert.user)
    response = client.post(reverse("review:declare_conflict", args=[task.pk]),
                           {"reason": "x" * 201}, follow=True)
    assert response.status_code == 200
    assert "回避事由不能超过200字。" in response.content.decode()
    assert not ConflictDeclaration.objects.exists()


def test_a_nul_byte_in_an_occupation_code_is_no_occupation_and_a_400(client, alice, call):
    assert get_occupation("6-18-01-01\x00") is None
    assert [o.code for o in search_occupations("6-18-01-0\x001")] == ["6-18-01-01"]
    client.force_login(alice)
    response = client.post(reverse("declare:create"), {"occupation_1": "\x00"})
    assert (response.status_code, NUL_REFUSED in response.content.decode()) == (400, True)
    response = client.get(reverse("catalog:occupation_search"), {"q": "车\x00工"},
                          headers={"Accept": "application/json"})
    assert (response.status_code, response.json()) == (400, {"ok": False,
                                                             "message": NUL_REFUSED})


@pytest.fixture
def draft(alice, call, unit_a):
    app = submitted_application(call=call, unit=unit_a, status=ApplicationStatus.DRAFT,
                                complete=False, created_by=alice)
    first, second = (add_material(app, item="evidence", by=alice, uploaded_file=pdf_upload(n))
                     for n in ("一.pdf", "二.pdf"))
    return app, [first.pk, second.pk]


def _positions(ids):
    return list(Material.objects.filter(pk__in=ids).order_by("pk").values_list("position",
                                                                               flat=True))


@pytest.mark.parametrize("body", [
    {"item": "evidence\x00", "ids": "reversed"},
    {"item": "evidence", "ids": "reversed", "\x00": 1},
    {"item": "evidence", "ids": "reversed", "x": ["\x00"]},
])
def test_a_nul_byte_in_the_reorder_json_is_a_400_in_chinese_and_keeps_the_order(client, alice,
                                                                                 draft, body):
    app, ids = draft
    body = {**body, "ids": ids[::-1]}
    client.force_login(alice)
    response = client.post(reverse("declare:material_reorder", args=[app.pk]), json.dumps(body),
                           content_type="application/json")
    assert (response.status_code, response.json()) == (400, {"ok": False,
                                                             "message": NUL_REFUSED})
    assert _positions(ids) == [1, 2]


def test_a_nul_byte_in_an_upload_form_is_a_400_and_stores_nothing(client, alice, draft):
    app, ids = draft
    client.force_login(alice)
    response = client.post(reverse("declare:materials", args=[app.pk]),
                           {"item": "evidence\x00", "file": pdf_upload("证明.pdf")})
    assert (response.status_code, NUL_REFUSED in response.content.decode()) == (400, True)
    assert Material.objects.filter(application=app).count() == 2


def test_a_nul_byte_in_a_section_autosave_is_a_400_json_message(client, alice, draft):
    app, _ids = draft
    client.force_login(alice)
    response = client.post(reverse("declare:section", args=[app.pk, "master"]),
                           {"name": "王\x00师傅", "base_version": "1"},
                           headers={"X-Autosave": "1", "Accept": "application/json"})
    assert (response.status_code, response.json()["message"]) == (400, NUL_REFUSED)


@pytest.mark.parametrize("path", ["/declare/%00/", "/declare/1/precheck/a%00b/explain/",
                                  "/?next=%00", "/login/?next=/%00"])
def test_a_nul_byte_in_the_address_is_a_400_page_in_chinese(client, alice, path):
    client.force_login(alice)
    response = client.get(path)
    assert (response.status_code, NUL_REFUSED in response.content.decode()) == (400, True)


def test_a_nul_byte_in_the_session_cookie_is_a_400_not_a_database_error(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    response = client.get("/")
    assert (response.status_code, NUL_REFUSED in response.content.decode()) == (400, True)


@pytest.mark.parametrize("field", ["username", "password"])
def test_a_nul_byte_at_login_is_a_400_and_counts_no_failure(client, alice, field):
    data = {"username": "alice", "password": "wrong", field: "a\x00b"}
    response = client.post("/login/", data)
    assert (response.status_code, NUL_REFUSED in response.content.decode()) == (400, True)
    assert not AccessAttempt.objects.exists()


def test_a_form_post_to_the_json_reorder_endpoint_is_a_400_not_a_500(alice, draft):
    """Under CSRF checks (as in production) the token is read from the parsed form first, after
    which the raw body can no longer be read: the endpoint must refuse what is not JSON."""
    app, ids = draft
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(alice)
    client.get(reverse("declare:materials", args=[app.pk]))
    token = client.cookies["csrftoken"].value
    url = reverse("declare:material_reorder", args=[app.pk])
    data = {"csrfmiddlewaretoken": token, "item": "evidence"}
    for response in (client.post(url, data),                      # multipart
                     client.post(url, urlencode(data),
                                 content_type="application/x-www-form-urlencoded")):
        assert (response.status_code, response.json()) == (400, {"ok": False,
                                                                 "message": "请求格式不正确。"})
    assert _positions(ids) == [1, 2]
