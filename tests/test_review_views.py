"""Review pages: who may open what (404 otherwise), messages at the cell, query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from calls.choices import ProjectKind
from declare.models import ApplicationStatus

from .factories import ExpertFactory, OrganisationFactory
from .review_support import (
    admit_all,
    assignments,
    expert,
    expert_pool,
    fill,
    forwarded,
    scoring_panel,
    sending_closed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(call, unit_a, unit_y, recommender_x, recommender_y, region, rita):
    forwarded(call, unit_a)
    forwarded(call, unit_y)
    admit_all(call, rita, [recommender_x, recommender_y])
    return scoring_panel(call, rita, [expert(region, username="eve2", name="易专家"),
                                      *expert_pool(region, 4)], per_application=None)


def test_receipt_accepts_within_quota_and_refuses_the_rest(client, call, unit_a, unit_b,
                                                           recommender_x, rita):
    call.quotas.filter(recommender=recommender_x, kind="base").update(amount=1)
    first = forwarded(call, unit_a, reference="A-1")
    second = forwarded(call, unit_b, reference="A-2")
    client.force_login(rita)
    url = reverse("review:receipt_accept", args=[call.pk, recommender_x.pk])
    refused = client.post(url, follow=True).content.decode()
    assert "报送截止时间尚未届满" in refused and "截止后方可受理" in refused
    sending_closed(call)
    response = client.post(url, follow=True)
    assert "已受理甲市报送的项目。" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ApplicationStatus.ACCEPTED,
                                             ApplicationStatus.REJECTED)
    assert second.events.last().comment == (   # the call's own 文号 (calls/wording.py)
        f"超出推荐名额的不予受理（{second.call.doc_number} 三）")


def test_return_without_reasons_is_refused_in_chinese(client, call, unit_a, recommender_x, rita):
    forwarded(call, unit_a)
    client.force_login(rita)
    response = client.post(reverse("review:receipt_return", args=[call.pk, recommender_x.pk]),
                           {"reasons": " "}, follow=True)
    assert "请填写退回理由。" in response.content.decode()


@pytest.mark.parametrize("name", ["receipt", "panels", "stats", "notice", "filing", "call"])
def test_outsiders_experts_and_recommenders_get_404_on_reviewer_pages(client, call, charlie,
                                                                       eve, rex, name):
    for user in (charlie, eve, rex):
        client.force_login(user)
        assert client.get(reverse(f"review:{name}", args=[call.pk])).status_code == 404


def test_expert_pool_is_reviewers_only_and_shows_them_the_full_mobile(client, rita, rex, region):
    ExpertFactory(name="钱专家", organisation=region, mobile_encrypted=__import__(
        "core.pii", fromlist=["encrypt"]).encrypt("13912345678"))
    client.force_login(rex)
    assert client.get(reverse("review:experts")).status_code == 404
    client.force_login(rita)
    html = client.get(reverse("review:experts")).content.decode()
    assert "钱专家" in html and "13912345678" in html


def test_expert_cannot_open_an_unassigned_application(client, panel, region, unit_a):
    mine = assignments(panel)[0]
    outsider = expert(region, username="not_in_panel")
    client.force_login(outsider.user)
    assert client.get(reverse("review:sheet", args=[mine.pk])).status_code == 404
    client.force_login(mine.expert.user)
    assert client.get(reverse("review:sheet", args=[mine.pk])).status_code == 200


def test_other_experts_scores_stay_hidden_until_the_panel_closes(client, panel):
    rows = [a for a in assignments(panel) if a.application_id == assignments(panel)[0]
            .application_id]
    fill(rows[1], Decimal("0.93"), comment="另一位专家的保密意见")
    client.force_login(rows[0].expert.user)
    html = client.get(reverse("review:sheet", args=[rows[0].pk])).content.decode()
    assert "另一位专家的保密意见" not in html and "93.00" not in html
    assert client.get(reverse("review:results", args=[panel.pk])).status_code == 404


def test_out_of_bounds_score_is_shown_at_its_cell_and_the_input_kept(client, panel):
    a = assignments(panel)[0]
    c = list(panel.rubric.criteria.all())
    client.force_login(a.expert.user)
    data = {f"c{x.id}": "10" for x in c} | {f"c{c[0].id}": "25", "comment": "ok",
                                            "action": "save"}
    response = client.post(reverse("review:sheet", args=[a.pk]), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "得分应在 0 至 20 分之间。" in html
    assert f'name="c{c[0].id}" id="c{c[0].id}" value="25"' in html


def test_submitted_sheet_shows_locked_inputs(client, panel):
    a = assignments(panel)[0]
    fill(a, Decimal("0.5"))
    client.force_login(a.expert.user)
    html = client.get(reverse("review:sheet", args=[a.pk])).content.decode()
    assert "评分表已于" in html and 'id="submit-sheet"' not in html


def _recommenders(call, region, n):
    from .factories import QuotaFactory, RecommenderFactory

    for _ in range(n):
        rec = RecommenderFactory(parent=region)
        call.recommenders.add(rec)
        QuotaFactory(call=call, recommender=rec, kind=ProjectKind.BASE)
        forwarded(call, OrganisationFactory(parent=rec))


@pytest.mark.parametrize("n", [1, 3])
def test_receipt_dashboard_query_count_does_not_grow(client, call, region, rita,
                                                     django_assert_max_num_queries, n):
    _recommenders(call, region, n)
    client.force_login(rita)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("review:receipt", args=[call.pk])).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_expert_list_query_count(client, rita, region, django_assert_max_num_queries, n):
    for _ in range(n):
        ExpertFactory(organisation=region)
    client.force_login(rita)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("review:experts")).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_task_list_query_count(client, call, region, rita, recommender_x, recommender_y,
                               django_assert_max_num_queries, n):
    units = [OrganisationFactory(parent=recommender_y if i % 2 else recommender_x)
             for i in range(n)]
    call.quotas.update(amount=3)
    for u in units:
        forwarded(call, u)
    admit_all(call, rita, [recommender_x] + ([recommender_y] if n > 1 else []))
    panel = scoring_panel(call, rita, expert_pool(region, 5))
    client.force_login(assignments(panel)[0].expert.user)
    client.get(reverse("review:tasks"))   # warm: the roles are read once, then cached
    with django_assert_max_num_queries(12):
        html = client.get(reverse("review:tasks")).content.decode()
    assert html.count("未开始") == n


@pytest.mark.parametrize("n", [1, 3])
def test_panel_matrix_query_count(client, call, region, rita, recommender_x,
                                  django_assert_max_num_queries, n):
    call.quotas.update(amount=3)
    for _ in range(n):
        forwarded(call, OrganisationFactory(parent=recommender_x))
    admit_all(call, rita, [recommender_x])
    panel = scoring_panel(call, rita, expert_pool(region, 5))
    client.force_login(rita)
    with django_assert_max_num_queries(24):
        html = client.get(reverse("review:panel", args=[panel.pk])).content.decode()
    assert html.count("✓ 已分配") == html.count("rv-assigned") == 5 * n


