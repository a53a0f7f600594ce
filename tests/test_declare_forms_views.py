import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from calls.choices import Category, ProjectKind
from calls.models import Call
from catalog.selectors import get_occupation
from declare.demo import base as demo_base
from declare.forms import to_post
from declare.models import Application, ApplicationStatus, Section
from declare.schema import BASE_T1_2, BASE_T4_2, section_spec
from declare.services.applications import create_application
from declare.services.sections import completeness, save_section, section_data
from orgs.roles import Role

from .factories import CallFactory, member

pytestmark = pytest.mark.django_db


def make_app(call, user, unit, kind=ProjectKind.BASE, codes=("6-18-01-01",)):
    return create_application(
        unit=unit, call=call, kind=kind,
        category=Category.MANUFACTURING if kind == ProjectKind.BASE else Category.OTHER,
        tier="A" if kind == ProjectKind.BASE else "", by=user,
        occupations=[(get_occupation(c), "") for c in codes])


@pytest.fixture
def app(call, alice, unit_a):
    return make_app(call, alice, unit_a, codes=("6-18-01-01", "6-18-02-04"))


def msgs(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------- create and basics
def test_applicant_creates_a_base_application_with_two_specialities(client, alice, call):
    client.force_login(alice)
    r = client.post(reverse("declare:create"), {
        "unit": alice.memberships.get().organisation_id, "call": call.pk, "kind": "base",
        "category": "manufacturing", "tier": "A", "occupation_1": "6-18-01-01",
        "work_type_1": "数控车工", "occupation_2": "6-18-02-04"})
    app = Application.objects.get()
    assert r.status_code == 302 and r.url == reverse("declare:overview", args=[app.pk])
    assert (app.reference, app.kind, app.category, app.tier, app.status) == (
        "2025-JD-0001", "base", "manufacturing", "A", "draft")
    assert [(s.position, s.occupation.code, s.work_type) for s in app.specialities.all()] == [
        (1, "6-18-01-01", "数控车工"), (2, "6-18-02-04", "")]
    assert msgs(r) == ["已创建申报 2025-JD-0001，请逐项填写申报表。"]
    assert app.events.get().action == "create"


def test_references_count_up_per_kind(call, alice, unit_a):
    make_app(call, alice, unit_a)
    second = make_app(call, alice, unit_a)
    studio = make_app(call, alice, unit_a, kind=ProjectKind.STUDIO, codes=("6-09-02-04",))
    assert (second.reference, studio.reference) == ("2025-JD-0002", "2025-GZ-0001")


@pytest.mark.parametrize(("post", "field", "message"), [
    ({"kind": "studio", "category": "other", "occupation_2": "6-18-02-04"}, "occupation_2",
     "工作室建设项目只能申报一个职业（工种）。"),
    ({"tier": ""}, "tier", "培训基地建设项目须选择A档（新建项目）或B档（已建项目）。"),
    ({"category": "other"}, "category", "培训基地建设项目不设“其他类”（105号 二(四)）。"),
    ({"occupation_2": "6-18-01-01"}, "occupation_2", "两个申报专业不能相同。"),
    ({"occupation_1": "6-18-01"}, "occupation_1",
     "职业分类大典（2022年版）中没有代码为“6-18-01”的职业（细类），请按 6-18-01-01 格式填写或从列表中选择。"),
])
def test_create_form_refuses_bad_choices_at_the_field(client, alice, call, post, field, message):
    client.force_login(alice)
    data = {"unit": alice.memberships.get().organisation_id, "call": call.pk, "kind": "base",
            "category": "manufacturing", "tier": "A", "occupation_1": "6-18-01-01", **post}
    r = client.post(reverse("declare:create"), data)
    assert r.status_code == 200
    assert r.context["form"].errors[field] == [message]
    assert not Application.objects.exists()


def test_a_call_the_units_recommender_is_not_in_cannot_be_chosen(client, alice, region):
    other = CallFactory(issuer=region)
    client.force_login(alice)
    r = client.post(reverse("declare:create"), {
        "unit": alice.memberships.get().organisation_id, "call": other.pk, "kind": "base",
        "category": "manufacturing", "tier": "A", "occupation_1": "6-18-01-01"})
    assert r.context["form"].errors["call"] == ["该申报批次不可选择。"]


def test_changing_kind_on_the_basics_page_gives_a_new_reference(client, alice, app):
    client.force_login(alice)
    r = client.post(reverse("declare:basics", args=[app.pk]), {
        "kind": "studio", "category": "other", "occupation_1": "6-09-02-04"})
    app.refresh_from_db()
    assert r.status_code == 302
    assert (app.reference, app.kind, app.tier) == ("2025-GZ-0001", "studio", "")
    assert [s.occupation.code for s in app.specialities.all()] == ["6-09-02-04"]


def test_basics_cannot_change_once_submitted(client, alice, app):
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.SUBMITTED)
    client.force_login(alice)
    r = client.post(reverse("declare:basics", args=[app.pk]), {
        "kind": "base", "category": "service", "tier": "B", "occupation_1": "4-10-01-06"})
    app.refresh_from_db()
    assert app.category == "manufacturing"
    assert msgs(r) == ["申报已提交，不能修改申报基本信息。"]


# ---------------------------------------------------------------- section pages
def section_url(app, key):
    return reverse("declare:section", args=[app.pk, key])


def test_section_page_shows_the_official_heading_and_row_groups(client, alice, app):
    client.force_login(alice)
    html = client.get(section_url(app, "t1_1")).content.decode()
    assert '<h1 class="sheet-title">表1-1 项目单位基本情况信息</h1>' in html
    assert "法人代表信息" in html and "统一社会信用代码或组织机构代码" in html
    html = client.get(section_url(app, "t3_2_2")).content.decode()
    assert "表3-2-2 焊工专业（职业）建设内容与进度" in html
    assert "建设内容一（重点包括课程设置、培训模式、教材开发、师资配备、培训设备设施、实训实操、技能评价等内容）" in html


def test_saving_a_section_stores_it_and_returns_to_the_page(client, alice, app):
    client.force_login(alice)
    r = client.post(section_url(app, "t1_2"), to_post(BASE_T1_2, demo_base.T1_2))
    assert r.status_code == 302 and r.url == section_url(app, "t1_2")
    assert msgs(r) == ["表1-2 项目背景及工作基础 已保存。"]
    assert section_data(app)["t1_2"] == demo_base.T1_2


def test_save_and_next_goes_to_the_following_section(client, alice, app):
    client.force_login(alice)
    r = client.post(section_url(app, "t1_2"), {**to_post(BASE_T1_2, demo_base.T1_2), "_next": ""})
    assert r.url == section_url(app, "t2_1")


def test_invalid_post_stores_the_draft_and_shows_the_raw_value_with_its_message(client, alice,
                                                                                 app):
    client.force_login(alice)
    data = to_post(BASE_T4_2, {"budget": demo_base.BUDGET})
    data["budget-results-other"] = "-3"
    r = client.post(section_url(app, "t4_2"), data)
    assert (r.status_code, r.url) == (302, section_url(app, "t4_2"))
    assert msgs(r) == ["已保存草稿，有 1 处需修改，请按提示修改。"]
    section = Section.objects.get(application=app, key="t4_2")
    assert (section.version, section.complete) == (1, False)
    assert section.data["budget"]["system"]["central"] == "120.00"
    assert section.data["budget"]["results"]["other"] == ""
    assert section.pending == {"budget-results-other": {"value": "-3",
                                                        "errors": ["金额不能为负数。"]}}
    html = client.get(section_url(app, "t4_2")).content.decode()
    assert "金额不能为负数。" in html
    assert 'name="budget-system-central" value="120.00"' in html
    assert 'name="budget-results-other" value="-3"' in html


def test_autosave_answers_json_with_the_new_version_and_time(client, alice, app):
    client.force_login(alice)
    r = client.post(section_url(app, "t1_2"), {**to_post(BASE_T1_2, {"background": "自动"})},
                    HTTP_X_AUTOSAVE="1")
    body = json.loads(r.content)
    assert (r.status_code, body["ok"], body["version"], body["complete"]) == (200, True, 1, False)
    assert len(body["saved_at"]) == 8
    r = client.post(section_url(app, "t4_2"), {"base_version": "0", "budget-system-central": "x"},
                    HTTP_X_AUTOSAVE="1")
    body = json.loads(r.content)
    assert (r.status_code, body["ok"], body["version"], body["complete"]) == (200, True, 1, False)
    assert body["errors"] == {"budget-system-central": ["请填写数字金额（单位：万元）。"]}


def test_conflicting_save_shows_what_changed_and_keeps_my_input(client, alice, app, unit_a):
    colleague = member("zhangsan", unit_a, Role.APPLICANT)   # another user of the same unit
    colleague.first_name = "张三"
    colleague.save()
    save_section(application=app, key="t1_2", data={"background": "他人内容", "foundation": ""},
                 base_version=0, by=colleague)
    client.force_login(alice)
    r = client.post(section_url(app, "t1_2"), to_post(BASE_T1_2, {"background": "我的内容"}))
    html = r.content.decode()
    assert r.status_code == 200
    assert "“项目背景”已被 张三 于 " in msgs(r)[0]
    assert "他人内容" in html and "我的内容" in html
    assert 'name="base_version" value="1"' in html
    assert section_data(app)["t1_2"]["background"] == "他人内容"
    r = client.post(section_url(app, "t1_2"),
                    to_post(BASE_T1_2, {"background": "合并后"}, version=1))
    assert section_data(app)["t1_2"]["background"] == "合并后"


def test_autosave_conflict_is_reported_as_409(client, alice, app):
    save_section(application=app, key="t1_2", data={"background": "先"}, base_version=0, by=alice)
    client.force_login(alice)
    r = client.post(section_url(app, "t1_2"), to_post(BASE_T1_2, {"background": "后"}),
                    HTTP_X_AUTOSAVE="1")
    assert r.status_code == 409
    assert json.loads(r.content)["conflict"] is True


def test_submitted_application_sections_are_read_only(client, alice, app):
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.SUBMITTED)
    client.force_login(alice)
    html = client.get(section_url(app, "t1_2")).content.decode()
    assert "本栏目只读" in html and "data-autosave" not in html
    r = client.post(section_url(app, "t1_2"), to_post(BASE_T1_2, {"background": "x"}))
    assert r.url == reverse("declare:overview", args=[app.pk])
    assert msgs(r) == ["申报已提交，当前不能修改。如需修改，请先撤回或等待推荐单位退回。"]
    assert not Section.objects.filter(application=app).exists()


def test_overview_lists_sections_with_missing_labels_and_progress(client, alice, app):
    save_section(application=app, key="t1_2", data=demo_base.T1_2, base_version=0, by=alice)
    client.force_login(alice)
    r = client.get(reverse("declare:overview", args=[app.pk]))
    html = r.content.decode()
    assert r.context["done"] == 1 and r.context["total"] == 15   # t1_2 (附件 empty: not done)
    assert r.context["percent"] == 7 and 'class="bar w-5"' in html
    assert "表1-2 项目背景及工作基础" in html
    assert "表4-2：资金总预算及来源（合计金额应大于0）" in html


# ---------------------------------------------------------------- permissions
def app_urls(app):
    return [reverse("declare:overview", args=[app.pk]), reverse("declare:basics", args=[app.pk]),
            section_url(app, "t1_1"), section_url(app, "t4_2")]


@pytest.mark.parametrize("who", ["bob", "charlie", "rex", "rita"])
def test_other_users_get_404_on_every_url_of_an_application(client, app, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in app_urls(app):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"base_version": "0", "background": "x"}).status_code == 404, url
    assert not Section.objects.filter(application=app).exists()


def test_unknown_section_key_is_404(client, alice, app):
    client.force_login(alice)
    assert client.get(section_url(app, "master")).status_code == 404


def test_outsider_cannot_open_the_create_page(client, charlie):
    client.force_login(charlie)
    assert client.get(reverse("declare:create")).status_code == 404


def test_anonymous_users_are_sent_to_login(client, app):
    for url in [reverse("declare:list"), reverse("declare:create"), *app_urls(app)]:
        r = client.get(url)
        assert r.status_code == 302 and r.url.startswith("/login/"), url


def test_list_shows_only_my_units_applications(client, alice, bob, call, unit_a, unit_b):
    mine = make_app(call, alice, unit_a)
    make_app(call, bob, unit_b)
    client.force_login(alice)
    assert list(client.get(reverse("declare:list")).context["applications"]) == [mine]


# ---------------------------------------------------------------- query counts
@pytest.mark.parametrize("n", [1, 3])
def test_list_page_query_count_does_not_grow_with_items(client, alice, call, unit_a, n,
                                                       django_assert_max_num_queries):
    for _ in range(n):
        make_app(call, alice, unit_a, codes=("6-18-01-01", "6-18-02-04"))
    client.force_login(alice)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("declare:list"))
    assert len(r.context["applications"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_overview_query_count_does_not_grow_with_saved_sections(client, alice, app, n,
                                                               django_assert_max_num_queries):
    from declare.services.sections import specs_for
    from documents.samples import section_values

    specs = {s.key: s for s in specs_for(app)}
    before = sum(1 for r in completeness(app) if r["complete"])
    for key in ["t1_2", "t2_1", "t2_2"][:n]:
        data = section_values(specs[key], occupation="6-18-01-01", paragraphs=1)
        save_section(application=app, key=key, data=data, base_version=0, by=alice)
    client.force_login(alice)
    # The bound includes the workflow and materials panels included in the page.
    with django_assert_max_num_queries(30):
        r = client.get(reverse("declare:overview", args=[app.pk]))
    assert r.context["done"] == before + n


def test_overview_and_section_pages_run_the_same_queries_for_1_and_3_saved_sections(
        client, alice, app):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(alice)
    client.get(reverse("declare:overview", args=[app.pk]))  # warm: session, catalogue cache
    counts = []
    for keys in (["t1_2"], ["t2_1", "t2_2"]):
        for key in keys:
            spec = section_spec(app.kind, key)
            text = next(i.key for i in spec.items if getattr(i, "type", "") == "textarea")
            save_section(application=app, key=key, data={text: "内容"}, base_version=0, by=alice)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("declare:overview", args=[app.pk]))
            client.get(section_url(app, "t1_2"))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_call_fixture_is_open(call):
    assert Call.objects.get(pk=call.pk).is_open
