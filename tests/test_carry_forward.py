"""复制上年申报 (issue 17 §6): a unit not selected last year starts from its old application."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from calls.choices import CallLevel, Category, ProjectKind
from catalog.selectors import get_occupation
from core.errors import DomainError
from declare.completeness import is_blank
from declare.demo import base as demo_base
from declare.eligibility.carry import carry_source_problem
from declare.models import Application, ApplicationStatus, CarryForward, Material
from declare.schema import BASE_T1_1, Field, sections_for
from declare.services import carry
from declare.services.applications import create_application
from declare.services.materials import add_material, reusable_materials, reuse_materials
from declare.services.purge import purge_uploads
from declare.services.sections import save_section, section_data

from .factories import CallFactory, QuotaFactory
from .test_uploads_samples import pdf_upload

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


@pytest.fixture
def call_2026(region, recommender_x, recommender_y):
    c = CallFactory(issuer=region, year=2026, title="2026年测试申报批次")
    for rec in (recommender_x, recommender_y):
        c.recommenders.add(rec)
        for kind in ProjectKind.values:
            QuotaFactory(call=c, recommender=rec, kind=kind, amount=2)
    return c


def _source(call, unit, by, status=ApplicationStatus.REJECTED):
    """A complete demo base application of 2025 with two specialities, then not selected."""
    app = create_application(unit=unit, call=call, kind=ProjectKind.BASE,
                             category=Category.MANUFACTURING, tier="A", by=by,
                             occupations=[(get_occupation(code), work)
                                          for code, work in demo_base.SPECIALITIES])
    for key, data in demo_base.sections(unit.credit_code).items():
        save_section(application=app, key=key, data=data, base_version=0, by=by)
    Application.objects.filter(pk=app.pk).update(status=status)   # the review's outcome
    app.refresh_from_db()
    return app


def _filled(data: dict) -> dict:
    """What there is to copy: blank entries stay blank either way."""
    return {k: v for k, v in data.items() if not is_blank(v)}


@pytest.fixture
def source(call, unit_a, alice):
    return _source(call, unit_a, alice)


def test_every_shared_field_is_copied_and_the_training_record_and_date_cleared(
        source, call_2026, alice):
    done = carry.carry_forward(source=source, call=call_2026, by=alice, today=TODAY)
    new = done.record.application
    assert (new.call, new.kind, new.tier, new.category, new.status) == (
        call_2026, "base", "A", "manufacturing", ApplicationStatus.DRAFT)
    assert [(s.occupation.code, s.work_type) for s in new.specialities.all()] == [
        ("6-18-01-01", "数控车工"), ("6-18-02-04", "")]
    old, now = section_data(source), section_data(new)
    eligibility = {k: v for k, v in _filled(old["eligibility"]).items() if k != "training"}
    assert now["eligibility"] == eligibility          # the 2022—2024 rows are not carried
    assert "filled_on" not in now["cover"]             # 填报时间 is this year's
    assert now["cover"] == {k: v for k, v in old["cover"].items() if k != "filled_on"}
    for key in ("t1_1", "t1_2", "t2_1", "t2_2", "t3_1_1", "t3_1_2", "t3_2_1", "t3_2_2", "t4_1",
                "t4_2", "opinion", "annex_texts", "summary"):
        assert now[key] == _filled(old[key]), key
    assert done.record.cleared == ["封面·填报时间", "申报条件信息·2022—2024年职业技能培训开展情况"]
    assert done.record.flags == {}                     # the same definition: nothing to check
    assert source.status == ApplicationStatus.REJECTED and section_data(source) == old


def test_a_changed_definition_flags_its_fields_until_the_section_is_saved(
        source, call_2026, alice, monkeypatch):
    """A hand-made second definition of 表1-1: a renamed label, changed choices, one field
    removed and one added (the 2026 form of issue 17 §7 differs the same ways)."""
    items = [replace(f, label="项目单位详细地址") if f.key == "address"
             else replace(f, choices=("政府办", "行业企业办", "其它")) if f.key == "nature"
             else f for f in BASE_T1_1.items if f.key != "website"]
    t1_1_2026 = replace(BASE_T1_1, items=(*items, Field("staff", "在职教职工人数", "integer")))

    def fields(call, kind, specialities, tier=""):
        specs = sections_for(kind, specialities, tier)
        return [t1_1_2026 if call.year == 2026 and s.key == "t1_1" else s for s in specs]

    monkeypatch.setattr(carry, "_fields", fields)
    plan = carry.plan_for(source, call_2026)
    assert [(e.key, e.reason) for e in plan.flagged if e.section == "t1_1"] == [
        ("nature", carry.CHANGED), ("address", carry.CHANGED)]
    assert [e.label for e in plan.added] == ["在职教职工人数"]

    done = carry.carry_forward(source=source, call=call_2026, by=alice, today=TODAY)
    new = done.record.application
    assert section_data(new)["t1_1"]["address"] == section_data(source)["t1_1"]["address"]
    assert carry.open_flags(new) == {"t1_1": {
        "nature": {"label": "属性", "reason": carry.CHANGED},
        "address": {"label": "项目单位地址及网址·项目单位详细地址", "reason": carry.CHANGED}}}
    assert carry.changed(BASE_T1_1.items[0], t1_1_2026.items[0]) is False

    data = section_data(new)["t1_1"]
    save_section(application=new, key="t1_1", data=data, base_version=1, by=alice)   # no change
    assert "t1_1" in carry.open_flags(new)        # an identical save stores nothing
    save_section(application=new, key="t1_1", data={**data, "bank": "中国银行包头分行"},
                 base_version=1, by=alice)
    assert carry.open_flags(new) == {}


def test_a_value_the_new_definition_refuses_is_not_copied_but_flagged(source, call_2026, alice,
                                                                      monkeypatch):
    capacity = Field("capacity", "培训场所和设施设备可满足的年培训规模（人次）", "choice",
                     choices=(("small", "2000人次以下"), ("large", "2000人次以上")))

    def fields(call, kind, specialities, tier=""):
        specs = sections_for(kind, specialities, tier)
        if call.year != 2026:
            return specs
        return [replace(s, items=tuple(capacity if i.key == "capacity" else i for i in s.items))
                if s.key == "eligibility" else s for s in specs]

    monkeypatch.setattr(carry, "_fields", fields)
    new = carry.carry_forward(source=source, call=call_2026, by=alice,
                              today=TODAY).record.application
    assert "capacity" not in section_data(new)["eligibility"]
    assert carry.open_flags(new)["eligibility"] == {
        "capacity": {"label": capacity.label, "reason": carry.REFUSED}}


def test_the_new_calls_eligibility_runs_at_once(source, call_2026, alice):
    done = carry.carry_forward(source=source, call=call_2026, by=alice, today=TODAY)
    by_rule = {f.rule_id: f.outcome for f in done.findings}
    assert by_rule["base.capacity"] == "pass" and by_rule["common.category"] == "pass"
    assert by_rule["base.rules"] == "pass"


@pytest.mark.parametrize("status, allowed", [
    (ApplicationStatus.REJECTED, True), (ApplicationStatus.NOT_RECOMMENDED, True),
    (ApplicationStatus.SUBMITTED, False), (ApplicationStatus.DRAFT, False),
    (ApplicationStatus.APPROVED, False)])
def test_only_applications_not_selected_may_be_carried(call, call_2026, unit_a, alice, status,
                                                       allowed):
    app = _source(call, unit_a, alice, status)
    assert (carry_source_problem(app, call_2026, today=TODAY) == "") is allowed
    assert (carry.target_calls(app, today=TODAY) == [call_2026]) is allowed


def test_a_funded_project_waits_two_years_after_acceptance(call, call_2026, unit_a, alice):
    from projects.choices import ProjectStatus
    from projects.models import Project

    app = _source(call, unit_a, alice, ApplicationStatus.APPROVED)
    Project.objects.create(application=app, call=call, unit=unit_a, kind=app.kind,
                           status=ProjectStatus.ACCEPTED, accepted_on=date(2024, 6, 2),
                           amount=20, created_by=alice)
    app = Application.objects.get(pk=app.pk)
    # the rule is the city's (鄂人社发〔2022〕100号 三(四)), cited by the city call's own 文号
    call_2026.level, call_2026.doc_number = CallLevel.CITY, "鄂人社发〔2022〕100号"
    call_2026.save()
    assert carry_source_problem(app, call_2026, today=date(2026, 6, 1)) == (
        "该项目于 2024-06-02 验收合格，未满2年，2026-06-02 起方可再次申报（鄂人社发〔2022〕100号 三(四)）。")
    assert carry_source_problem(app, call_2026, today=date(2026, 6, 2)) == ""
    # the national and regional notices have no such rule: a funded application is not carried
    call_2026.level, call_2026.doc_number = CallLevel.REGIONAL, "内人社办发〔2026〕12号"
    call_2026.save()
    assert carry_source_problem(app, call_2026, today=date(2026, 6, 2)) == (
        "该申报已获立项，只有不予推荐、未入选的申报可以复制（内人社办发〔2026〕12号 二）。")


def test_the_same_call_or_a_later_one_is_refused(source, call, call_2026, alice):
    assert carry_source_problem(source, call, today=TODAY) == "只能复制以往年度申报批次中的申报。"
    carry.carry_forward(source=source, call=call_2026, by=alice, today=TODAY)
    with pytest.raises(DomainError, match="已复制到本批次"):
        carry.carry_forward(source=source, call=call_2026, by=alice, today=TODAY)


def test_another_units_user_cannot_carry_and_gets_404_on_the_pages(source, call_2026, bob,
                                                                  client):
    with pytest.raises(DomainError, match="只能复制本单位的申报"):
        carry.carry_forward(source=source, call=call_2026, by=bob, today=TODAY)
    client.force_login(bob)
    url = reverse("declare:carry", args=[source.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"call": call_2026.pk}).status_code == 404
    assert not CarryForward.objects.exists()


def test_materials_are_offered_and_reused_by_reference_only_when_confirmed(
        source, call_2026, alice, settings):
    Application.objects.filter(pk=source.pk).update(status=ApplicationStatus.DRAFT)
    evidence = add_material(source, item="evidence", by=alice, uploaded_file=pdf_upload("佐证.pdf"))
    add_material(source, item="training_record", by=alice, uploaded_file=pdf_upload("培训.pdf"))
    Application.objects.filter(pk=source.pk).update(status=ApplicationStatus.REJECTED)
    new = carry.carry_forward(source=source, call=call_2026, by=alice,
                              today=TODAY).record.application
    assert not new.materials.exists()                       # nothing without a confirmation
    offered = reusable_materials(new)
    assert [(r["material"].pk, r["item"].key) for r in offered] == [(evidence.pk, "evidence")]
    with pytest.raises(DomainError, match="请勾选要复用的材料"):
        reuse_materials(new, material_ids=[], by=alice)
    [copy] = reuse_materials(new, material_ids=[evidence.pk], by=alice)
    assert (copy.item, copy.title, copy.sha256, copy.file.name) == (
        "evidence", evidence.title, evidence.sha256, evidence.file.name)
    assert reusable_materials(new) == []
    assert CarryForward.objects.get(application=new).reused == [evidence.pk]
    # the old application's file removed and purged: the re-used one keeps the bytes
    Material.objects.filter(pk=evidence.pk).update(removed_at=timezone.now() - timedelta(hours=1))
    settings.UPLOAD_PURGE_GRACE_HOURS = 0
    purge_uploads(via="test")
    assert not Material.objects.filter(pk=evidence.pk).exists()
    assert copy.file.storage.exists(copy.file.name)


# ---------------------------------------------------------------- the pages
def test_the_new_application_page_offers_the_earlier_one_and_the_confirmation_lists_it(
        source, call_2026, alice, client):
    client.force_login(alice)
    page = client.get(reverse("declare:create")).content.decode()
    assert "从上年申报复制（复制上年申报）" in page
    assert reverse("declare:carry", args=[source.pk]) in page
    confirm = client.get(reverse("declare:carry", args=[source.pk])).content.decode()
    assert f"复制到申报批次：<strong>{call_2026}</strong>" in confirm
    assert "将清空（2 项）" in confirm and "申报条件信息·2022—2024年职业技能培训开展情况" in confirm
    assert "请核对（0 项）" in confirm and "表1-1·项目背景" not in confirm
    assert "表1-2 项目背景及工作基础·项目背景" in confirm


def test_confirming_creates_the_application_and_the_overview_says_where_from(
        source, call_2026, alice, client, monkeypatch):
    monkeypatch.setattr(carry, "_fields", lambda call, kind, n, tier="": [
        replace(s, items=tuple(replace(i, label="工作基础（含近三年情况）")
                               if i.key == "foundation" else i for i in s.items))
        if call.year == 2026 and s.key == "t1_2" else s for s in sections_for(kind, n, tier)])
    client.force_login(alice)
    response = client.post(reverse("declare:carry", args=[source.pk]), {"call": call_2026.pk},
                           follow=True)
    new = CarryForward.objects.get(source=source).application
    assert response.redirect_chain == [(reverse("declare:overview", args=[new.pk]), 302)]
    page = response.content.decode()
    assert f"已从 {source.reference} 复制，1 项请核对" in page
    assert "资格预审（本批次申报条件）" in page
    section = client.get(reverse("declare:section", args=[new.pk, "t1_2"])).content.decode()
    assert "请核对" in section and "工作基础（含近三年情况）：本年度申报表中该项已调整，请核对" in section
    assert "请核对" not in client.get(reverse("declare:section", args=[new.pk, "t2_1"])
                                     ).content.decode()


def test_an_application_that_may_not_be_carried_says_why(call, call_2026, unit_a, alice,
                                                         client):
    submitted = _source(call, unit_a, alice, ApplicationStatus.SUBMITTED)
    client.force_login(alice)
    page = client.get(reverse("declare:carry", args=[submitted.pk])).content.decode()
    assert "只有不予推荐、未入选的申报" in page
    response = client.post(reverse("declare:carry", args=[submitted.pk]), {"call": call_2026.pk})
    assert response.status_code == 200 and not CarryForward.objects.exists()


def test_confirming_a_section_as_checked_clears_its_flags_without_a_change(
        source, call_2026, alice, bob, client, monkeypatch):
    monkeypatch.setattr(carry, "_fields", lambda call, kind, n, tier="": [
        replace(s, items=tuple(replace(i, label="项目背景（近三年）") if i.key == "background"
                               else i for i in s.items))
        if call.year == 2026 and s.key == "t1_2" else s for s in sections_for(kind, n, tier)])
    new = carry.carry_forward(source=source, call=call_2026, by=alice,
                              today=TODAY).record.application
    assert list(carry.open_flags(new)) == ["t1_2"]
    with pytest.raises(DomainError, match="申报当前不能修改"):
        carry.mark_checked(application=new, key="t1_2", by=bob)
    client.force_login(alice)
    url = reverse("declare:section", args=[new.pk, "t1_2"])
    client.get(url)
    with CaptureQueriesContext(connection) as q:
        html = client.get(url).content.decode()
    assert "data-carry-flags" in html   # the page: the flags by one column, no second read
    carried = [s["sql"] for s in q.captured_queries if "declare_carryforward" in s["sql"]]
    assert len(carried) == 1 and carried[0].startswith('SELECT "declare_carryforward"."flags" AS "flags" FROM')
    response = client.post(reverse("declare:carry_checked", args=[new.pk, "t1_2"]))
    assert response.status_code == 302 and carry.open_flags(new) == {}


def test_my_applications_page_offers_the_copy_too(source, call_2026, alice, bob, client):
    client.force_login(alice)
    page = client.get(reverse("declare:list")).content.decode()
    assert page.count("从上年申报复制（复制上年申报）") == 1
    client.force_login(bob)   # another unit of the same recommender: nothing of alice's
    assert "复制上年申报" not in client.get(reverse("declare:list")).content.decode()
