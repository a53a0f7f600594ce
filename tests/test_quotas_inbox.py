import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from calls.choices import Category, ProjectKind
from declare.models import ApplicationStatus, Speciality
from quotas import services

from .factories import CallFactory, OrganisationFactory, occupation
from .quotas_support import submitted_application

pytestmark = pytest.mark.django_db

# Session, user, account state, memberships, guardian, call, package, page count, page,
# specialities, occupations, sections, quotas, quota use, session save: none per row.
MAX_QUERIES = 20

S = ApplicationStatus


def _inbox(client, rec, call, **params):
    return client.get(reverse("quotas:inbox", args=[rec.pk, call.pk]), params)


def _refs(response) -> list[str]:
    return [row["app"].reference for row in response.context["rows"]]


def test_inbox_lists_submitted_applications_of_own_units_only(
        client, call, unit_a, unit_b, unit_y, rex, recommender_x):
    mine = submitted_application(call=call, unit=unit_a, reference="A-1")
    submitted_application(call=call, unit=unit_b, reference="B-1", status=S.RETURNED)
    submitted_application(call=call, unit=unit_a, reference="A-DRAFT", status=S.DRAFT)
    submitted_application(call=call, unit=unit_y, reference="Y-1")
    other_call = CallFactory(issuer=call.issuer)
    other_call.recommenders.add(recommender_x)
    submitted_application(call=other_call, unit=unit_a, reference="OTHER-CALL")
    client.force_login(rex)
    r = _inbox(client, recommender_x, call)
    assert _refs(r) == ["A-1", "B-1"]
    assert r.context["rows"][0]["app"] == mine


def test_inbox_shows_quota_use_per_kind(client, call, unit_a, rex, recommender_x):
    app = submitted_application(call=call, unit=unit_a)
    services.recommend(app, by=rex)
    client.force_login(rex)
    html = _inbox(client, recommender_x, call).content.decode()
    assert "已推荐 1 / 名额 2" in html
    assert "已推荐 0 / 名额 2" in html


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "studio"}, ["S-1"]),
    ({"category": "service"}, ["B-SVC"]),
    ({"status": "recommended"}, ["B-MFG"]),
    ({"occupation": "4-10"}, ["B-SVC"]),
    ({"occupation": "车工"}, ["B-MFG", "S-1"]),
])
def test_inbox_filters(client, call, unit_a, rex, recommender_x, params, expected):
    mfg = submitted_application(call=call, unit=unit_a, reference="B-MFG")
    submitted_application(call=call, unit=unit_a, reference="B-SVC", category=Category.SERVICE,
                          code="4-10-01-05")
    submitted_application(call=call, unit=unit_a, reference="S-1", kind=ProjectKind.STUDIO)
    services.recommend(mfg, by=rex)
    client.force_login(rex)
    assert sorted(_refs(_inbox(client, recommender_x, call, **params))) == expected


def test_category_occupation_mismatch_is_shown(client, call, unit_a, rex, recommender_x):
    submitted_application(call=call, unit=unit_a, category=Category.MANUFACTURING,
                          code="4-10-01-05")
    client.force_login(rex)
    r = _inbox(client, recommender_x, call)
    (finding,) = r.context["rows"][0]["findings"]
    assert (finding.label, finding.reason) == (
        "不符合", "养老护理员（4-10-01-05）属第四大类“社会生产服务和生活服务人员”，"
                 "对应“社会生产和生活服务类”，与申报类别“生产制造类”不符")
    assert "项目类别与申报职业大类对应" in r.content.decode()


def test_completeness_lists_missing_sections(client, call, unit_a, rex, recommender_x):
    app = submitted_application(call=call, unit=unit_a, complete=False)
    app.sections.exclude(key__in=["t1_1", "summary"]).update(complete=True)
    client.force_login(rex)
    row = _inbox(client, recommender_x, call).context["rows"][0]
    assert row["missing"] == ["表1-1 项目单位基本情况信息", "附件2-1 申报情况汇总表信息"]
    assert "缺 2 项" in _inbox(client, recommender_x, call).content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_inbox_query_count_does_not_grow_with_rows(
        client, call, unit_a, rex, recommender_x, n, django_assert_max_num_queries):
    for _ in range(n):
        app = submitted_application(call=call, unit=unit_a)
    services.recommend(app, by=rex)
    client.force_login(rex)
    _inbox(client, recommender_x, call)  # warm the package row and caches
    with django_assert_max_num_queries(MAX_QUERIES):
        r = _inbox(client, recommender_x, call)
    assert len(r.context["rows"]) == n


def _queries_for(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def test_inbox_costs_the_same_queries_for_one_and_three_rows(
        client, call, unit_a, unit_b, rex, recommender_x):
    url = reverse("quotas:inbox", args=[recommender_x.pk, call.pk])
    client.force_login(rex)
    submitted_application(call=call, unit=unit_a)
    one = _queries_for(client, url)
    submitted_application(call=call, unit=unit_b, category=Category.SERVICE, code="4-10-01-05")
    submitted_application(call=call, unit=unit_b, kind=ProjectKind.STUDIO)
    assert _queries_for(client, url) == one


def test_inbox_paginates_twenty_per_page(client, call, recommender_x, rex):
    for i in range(21):
        submitted_application(call=call, unit=OrganisationFactory(parent=recommender_x),
                              reference=f"P-{i:02d}")
    client.force_login(rex)
    assert len(_inbox(client, recommender_x, call).context["rows"]) == 20
    assert _refs(_inbox(client, recommender_x, call, page=2)) == ["P-20"]


def test_inbox_counts_with_its_page_and_falls_back_to_the_last_page(
        client, call, recommender_x, rex):
    for i in range(21):
        submitted_application(call=call, unit=OrganisationFactory(parent=recommender_x),
                              reference=f"P-{i:02d}")
    client.force_login(rex)
    second = _inbox(client, recommender_x, call, page=2)
    assert (_refs(second), second.context["page"].paginator.count) == (["P-20"], 21)
    past = _inbox(client, recommender_x, call, page=999)
    assert (_refs(past), past.context["page"].number) == (["P-20"], 2)
    assert "第 2 / 2 页，共 21 份" in past.content.decode()
    assert len(_refs(_inbox(client, recommender_x, call, page="x"))) == 20


def test_occupation_filter_counts_an_application_of_two_matching_specialities_once(
        client, call, unit_a, rex, recommender_x):
    app = submitted_application(call=call, unit=unit_a, reference="B-TWO")
    Speciality.objects.create(application=app, position=2, occupation=occupation("6-18-01-02"))
    client.force_login(rex)
    r = _inbox(client, recommender_x, call, occupation="6-18")
    assert (_refs(r), r.context["page"].paginator.count) == (["B-TWO"], 1)
    assert "共 1 份申报" in r.content.decode()


def test_application_page_is_read_only_and_shows_the_sections(
        client, call, unit_a, rex, recommender_x):
    app = submitted_application(call=call, unit=unit_a,
                                summary={"honours": "2022年 自治区技能人才培育突出贡献单位",
                                         "performance": "累计培训 9000 人次"})
    client.force_login(rex)
    r = client.get(reverse("quotas:application", args=[recommender_x.pk, call.pk, app.pk]))
    html = r.content.decode()
    assert "2022年 自治区技能人才培育突出贡献单位" in html
    assert "附件2-1 申报情况汇总表信息" in html
    assert 'name="reason"' in html and 'name="comments"' in html
    assert "<input type=\"text\" name=\"honours\"" not in html


def test_a_full_quota_disables_recommend_on_the_inbox_and_the_detail_page(
        client, call, unit_a, unit_b, rex, recommender_x):
    """The quota fixture gives 2 per kind: after two, a third shows 名额已满, not 推荐."""
    apps = [submitted_application(call=call, unit=u, reference=f"Q-{i}")
            for i, u in enumerate((unit_a, unit_b, unit_a))]
    for app in apps[:2]:
        services.recommend(app, by=rex)
    client.force_login(rex)
    html = _inbox(client, recommender_x, call).content.decode()
    row = html[html.index(f'data-app="{apps[2].pk}"'):]
    row = row[:row.index("</tr>")]
    assert "名额已满" in row and "disabled" in row and "recommend/" not in row
    detail = client.get(reverse("quotas:application", args=[recommender_x.pk, call.pk,
                                                            apps[2].pk])).content.decode()
    assert "本类项目推荐名额已用完" in detail
    assert reverse("quotas:recommend", args=[recommender_x.pk, call.pk, apps[2].pk]) not in detail
