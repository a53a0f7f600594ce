"""Bad input found by the form fuzzer (tests/test_fuzz_forms.py), pinned: a refusal in
Chinese, never a 500, nothing stored."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.selectors import get_occupation, search_occupations
from review.models import ConflictDeclaration, ScoreSheet, SheetStatus

from .review_support import admit_all, assignments, expert_pool, fill, forwarded, scoring_panel

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


def test_a_nul_byte_in_an_occupation_code_is_no_occupation_not_a_500(client, alice, call):
    assert get_occupation("6-18-01-01\x00") is None
    assert [o.code for o in search_occupations("6-18-01-0\x001")] == ["6-18-01-01"]
    client.force_login(alice)
    response = client.post(reverse("declare:create"), {"occupation_1": "\x00"})
    assert response.status_code == 200
    assert client.get(reverse("catalog:occupation_search"), {"q": "车\x00工"}).status_code == 200
