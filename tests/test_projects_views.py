from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from calls.choices import ProjectKind
from projects.choices import ProjectStatus, RevocationReason
from projects.services import (
    apply_for_acceptance,
    decide_acceptance,
    report_progress,
    request_change,
    revoke_project,
)

from .test_projects_support import approved, make_project, pdf_bytes, ready_for_acceptance

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
CERT = "S" + "2" * 21


def _status(client, user, url, method="get", data=None):
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    client.logout()
    return response.status_code


def _accept(project, alice, rita):
    apply_for_acceptance(ready_for_acceptance(project, alice), by=alice)
    return decide_acceptance(project, by=rita, passed=True, findings="合格",
                             decided_on=timezone.localdate())


def test_detail_is_for_the_unit_its_recommender_and_the_issuer_only(
        client, base_project, alice, bob, rex, yvonne, rita, eve, charlie):
    url = reverse("projects:detail", args=[base_project.pk])
    got = {u.username: _status(client, u, url) for u in (alice, rex, rita, bob, yvonne, eve,
                                                          charlie)}
    assert got == {"alice": 200, "rex": 200, "rita": 200, "bob": 404, "yvonne": 404, "eve": 404,
                   "charlie": 404}
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(("name", "allowed"), [
    ("projects:release", {"rita"}),
    ("projects:apply_acceptance", {"alice"}),
    ("projects:revoke", {"rita"}),
    ("projects:evaluate", {"rex", "rita"}),
    ("projects:spending", {"alice", "rex", "rita"}),
])
def test_action_pages_answer_404_to_everyone_not_entitled(client, base_project, alice, bob, rex,
                                                          rita, charlie, name, allowed):
    url = reverse(name, args=[base_project.pk])
    for user in (alice, bob, rex, rita, charlie):
        assert _status(client, user, url) == (200 if user.username in allowed else 404), user


def test_milestone_report_and_evidence_are_the_units(client, base_project, alice, bob, rex,
                                                     charlie):
    milestone = base_project.milestones.first()
    url = reverse("projects:report", args=[base_project.pk, milestone.pk])
    assert [_status(client, u, url) for u in (alice, rex, bob, charlie)] == [200, 404, 404, 404]
    client.force_login(alice)
    r = client.post(url, {"text": "已完成2门课程",
                          "evidence": SimpleUploadedFile("课程.pdf", pdf_bytes())})
    assert r.status_code == 302
    report = milestone.reports.get()
    evidence = reverse("projects:evidence", args=[base_project.pk, report.pk])
    assert [_status(client, u, evidence) for u in (alice, rex, bob, charlie)] == [200, 200, 404,
                                                                                   404]


def test_decide_acceptance_only_when_awaiting_and_only_by_the_issuer(client, base_project, alice,
                                                                     rex, rita, bob):
    url = reverse("projects:decide_acceptance", args=[base_project.pk])
    assert _status(client, rita, url) == 404
    apply_for_acceptance(ready_for_acceptance(base_project, alice), by=alice)
    assert [_status(client, u, url) for u in (rita, rex, alice, bob)] == [200, 404, 404, 404]


def test_failed_acceptance_without_deadline_shows_the_message_at_the_field(client, base_project,
                                                                          alice, rita):
    apply_for_acceptance(ready_for_acceptance(base_project, alice), by=alice)
    client.force_login(rita)
    url = reverse("projects:decide_acceptance", args=[base_project.pk])
    r = client.post(url, {"passed": "no", "decided_on": timezone.localdate().isoformat(),
                          "findings": "未完成"})
    assert r.status_code == 422
    html = r.content.decode()
    assert 'data-field="rectification_due"' in html and "验收不合格时须填写整改期限（应晚于验收日期）。" in html
    base_project.refresh_from_db()
    assert base_project.status == ProjectStatus.AWAITING_ACCEPTANCE


def test_travel_fee_posted_is_refused_at_the_purpose_field_and_nothing_saved(client, base_project,
                                                                            alice):
    client.force_login(alice)
    r = client.post(reverse("projects:spending", args=[base_project.pk]), {
        "spent_on": "2025-04-01", "purpose": "travel", "content": "system", "source": "central",
        "amount": "1.00", "description": "赴外地考察"})
    assert r.status_code == 422
    assert "建设项目资金不得用于差旅费等与项目资金使用范围无关的其他支出（鄂人社发〔2022〕100号 六）。" in \
        r.content.decode()
    assert base_project.spendings.count() == 0


def test_spending_post_by_the_recommender_is_404(client, base_project, rex):
    r = _status(client, rex, reverse("projects:spending", args=[base_project.pk]), "post",
                {"spent_on": "2025-04-01", "purpose": "equipment", "content": "system",
                 "source": "central", "amount": "1.00", "description": "设备"})
    assert r == 404


def test_change_pages(client, studio_project, base_project, alice, bob, rex, rita, charlie):
    new = reverse("projects:change_new", args=[studio_project.pk, "leader"])
    assert [_status(client, u, new) for u in (alice, rex, bob, charlie)] == [200, 404, 404, 404]
    assert _status(client, alice, reverse("projects:change_new",
                                          args=[base_project.pk, "leader"])) == 404
    change = request_change(studio_project, by=alice, kind="leader", reason="退休",
                            leaving="retired", new_leader_name="李新", new_leader_level="1",
                            new_leader_certificate=CERT,
                            document=SimpleUploadedFile("退休证明.pdf", pdf_bytes()))
    url = reverse("projects:change", args=[studio_project.pk, change.pk])
    assert [_status(client, u, url) for u in (alice, rex, rita, bob, charlie)] == [200, 200, 200,
                                                                                   404, 404]
    assert _status(client, alice, url, "post", {"approve": "yes"}) == 404
    doc = reverse("projects:change_document", args=[studio_project.pk, change.pk])
    assert [_status(client, u, doc) for u in (alice, bob)] == [200, 404]
    assert _status(client, rita, url, "post", {"approve": "yes", "comment": "同意"}) == 302
    studio_project.refresh_from_db()
    assert studio_project.leader_name == "李新"


def test_public_list_shows_accepted_projects_without_personal_data(client, studio_project,
                                                                   base_project, alice, rita):
    _accept(studio_project, alice, rita)
    html = client.get(reverse("projects:public")).content.decode()
    assert "甲市第一技师学院" in html and "工作室建设项目" in html and "手工地毯制作工" in html
    assert "王师傅" not in html and "培训基地建设项目" not in html


def test_project_list_is_scoped(client, base_project, unit_b, alice, bob, rita):
    other = make_project(base_project.call, unit_b, rita)
    client.force_login(alice)
    html = client.get(reverse("projects:list")).content.decode()
    assert f'data-project="{base_project.pk}"' in html and f'data-project="{other.pk}"' not in html


def test_awaiting_and_create_only_for_the_issuer(client, city_call, unit_a, alice, rex, rita, bob):
    app = approved(city_call, unit_a)
    url = reverse("projects:create", args=[app.pk])
    assert [_status(client, u, url) for u in (alice, rex, bob)] == [404, 404, 404]
    client.force_login(rita)
    assert app.reference in client.get(reverse("projects:awaiting")).content.decode()
    r = client.post(url, {"source": "employment", "released_on": "2025-05-01", "amount": ""})
    assert r.status_code == 302
    assert app.project.amount == 20 and str(app.project.period_end) == "2027-05-01"


def test_ban_list_shows_the_units_ban_to_reviewers_and_hides_it_from_others(client, base_project,
                                                                           rita, bob, yvonne):
    revoke_project(base_project, by=rita, reason=RevocationReason.FRAUD, comment="伪造")
    url = reverse("projects:bans")
    for user, seen in ((rita, True), (bob, False), (yvonne, False)):
        client.force_login(user)
        assert ("甲市第一技师学院" in client.get(url).content.decode()) is seen, user


def test_ban_list_links_the_project_only_for_whom_may_open_it(client, base_project, rita,
                                                              bureau_staff):
    """Another issuer's reviewer sees the ban (it blocks its calls too) and the project's name,
    but no link to a project page it may not open (it would be a 404)."""
    revoke_project(base_project, by=rita, reason=RevocationReason.FRAUD, comment="伪造")
    detail = reverse("projects:detail", args=[base_project.pk])
    client.force_login(rita)
    assert detail in client.get(reverse("projects:bans")).content.decode()
    client.force_login(bureau_staff["olga"])
    html = client.get(reverse("projects:bans")).content.decode()
    assert "甲市第一技师学院" in html and base_project.name in html and detail not in html
    assert client.get(detail).status_code == 404


def _projects(n, city_call, unit_a, rita, alice):
    made = []
    for i in range(n):
        project = make_project(city_call, unit_a, rita, kind=ProjectKind.STUDIO)
        report_progress(project.milestones.first(), by=alice, text="进展")
        made.append(_accept(project, alice, rita) if i == 0 else project)
    revoke_project(made[-1], by=rita, reason=RevocationReason.FRAUD, comment="伪造")
    return made


@pytest.mark.parametrize("n", [1, 3])
# A signed-in first page also counts the unread 消息通知 once (then cached: notify.services).
@pytest.mark.parametrize(("name", "user", "queries"), [
    ("projects:list", "rita", 12), ("projects:public", None, 3), ("projects:bans", "rita", 10),
    ("projects:awaiting", "rita", 10)])
def test_list_pages_take_constant_queries(client, django_assert_max_num_queries, city_call,
                                          unit_a, alice, rita, n, name, user, queries):
    _projects(n, city_call, unit_a, rita, alice)
    for _ in range(n):
        approved(city_call, unit_a)
    if user:
        client.force_login(rita)
    with django_assert_max_num_queries(queries):
        r = client.get(reverse(name))
    assert r.status_code == 200


def test_home_card_lists_todays_reminders(client, city_call, unit_a, rita, alice):
    from projects.services import issue_reminders

    make_project(city_call, unit_a, rita, released_on=timezone.localdate() - timedelta(days=700))
    issue_reminders(timezone.localdate())
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert "可查看建设项目 1 个，其中在建设期内 1 个" in html
    assert "建设期将于" in html
