"""Issue 15 §7: the form details — each a finding of the applicant's walk through the form."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from calls.choices import Category, ProjectKind
from catalog.selectors import get_occupation
from declare.eligibility.conditions import evaluate
from declare.eligibility.outcomes import EXPLAIN, PASS
from declare.forms import SectionForm
from declare.home import cards as applicant_cards
from declare.home import deadline_text
from declare.models import Application
from declare.reading import render_sections
from declare.schema import BASE_COVER
from declare.services.applications import create_application
from declare.services.sections import StaleSection, completeness, save_section
from declare.services.workflow import (
    return_for_revision,
    save_explanation,
    submission_items,
    submit_application,
)
from declare.validators import validate_id_card
from documents.samples import credit_code
from orgs.validators import validate_credit_code
from quotas.home import cards as recommender_cards

from .test_declare_workflow_builders import complete_application, eligibility

pytestmark = pytest.mark.django_db


def new_base(call, user, unit, tier="A"):
    return create_application(unit=unit, call=call, kind=ProjectKind.BASE,
                              category=Category.MANUFACTURING, tier=tier, by=user,
                              occupations=[(get_occupation("6-18-01-01"), "")])


def page(client, app, key):
    return client.get(reverse("declare:section", args=[app.pk, key])).content.decode()


# ---------------------------------------------------------------- 申报条件信息
def test_b_tier_questions_are_asked_only_of_a_b_tier_base(client, call, alice, unit_a):
    client.force_login(alice)
    a_page = page(client, new_base(call, alice, unit_a, "A"), "eligibility")
    b_page = page(client, new_base(call, alice, unit_a, "B"), "eligibility")
    for key in ("designated_year", "assessed_well", "complete_system"):
        assert f'name="{key}"' not in a_page
        assert f'name="{key}"' in b_page


def test_the_three_record_rows_are_fixed_with_their_years(client, call, alice, unit_a):
    client.force_login(alice)
    html = page(client, new_base(call, alice, unit_a), "eligibility")
    group = html.split('data-group="training"')[1].split("</fieldset>")[0]
    assert "data-remove-row" not in group and "data-add-row" not in group
    assert "删除" not in group
    assert re.findall(r'<span class="fixed-cell">(\d+)</span>', group) == ["2022", "2023", "2024"]
    assert 'type="hidden" name="training-0-year" value="2022"' in group


def test_a_year_that_trained_more_than_the_capacity_asks_for_an_explanation(call, alice, unit_a):
    data = eligibility(ProjectKind.BASE)
    data["capacity"] = 3250
    data["training"][2]["trainees"] = 3300
    app = complete_application(call=call, unit=unit_a, by=alice, eligibility=data)
    finding = next(f for f in evaluate(app) if f.rule_id == "base.capacity_plausible")
    assert (finding.outcome, finding.blocks) == (EXPLAIN, True)
    assert finding.reason == ("填写的年培训规模为 3250 人次，而2024年培训 3300 人次，超过年培训规模；"
                              "请核对两处数字，或说明原因")
    save_explanation(app, by=alice, rule_id="base.capacity_plausible",
                     text="2024年租用了合作企业的实训场地。")
    finding = next(f for f in evaluate(Application.objects.get(pk=app.pk))
                   if f.rule_id == "base.capacity_plausible")
    assert not finding.blocks


def test_capacity_above_every_year_passes_the_plausibility_check(call, alice, unit_a):
    app = complete_application(call=call, unit=unit_a, by=alice)
    finding = next(f for f in evaluate(app) if f.rule_id == "base.capacity_plausible")
    assert finding.outcome == PASS


# ---------------------------------------------------------------- dates
def test_a_filling_date_in_the_future_is_refused_in_chinese():
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = SectionForm(BASE_COVER, data={"filled_on": tomorrow.isoformat(), "base_version": 0})
    assert not form.is_valid()
    today = timezone.localdate()
    assert form.errors["filled_on"] == [
        f"日期不能晚于今天（{today.year}年{today.month}月{today.day}日），请填写实际的填报日期。"]
    assert SectionForm(BASE_COVER, data={"filled_on": today.isoformat()}).is_valid()


# ---------------------------------------------------------------- 已填完, blocking items
def test_the_annex_section_is_not_complete_while_neither_typed_nor_uploaded(call, alice, unit_a):
    app = complete_application(call=call, unit=unit_a, by=alice,
                               annex_texts={"measures": "", "fund_rules": "细则全文"})
    row = next(r for r in completeness(app) if r["key"] == "annex_texts")
    assert row["complete"] is False
    assert row["missing"] == ["国家级高技能人才培训基地建设项目实施管理办法（或在“申报材料”中上传）"]
    items = [i["text"] for i in submission_items(app)]
    assert items == ["未填完：实施管理办法和经费管理实施细则：国家级高技能人才培训基地建设项目实施管理办法（或在“申报材料”中上传）"]


def test_each_gap_appears_once_and_links_where_it_is_fixed(call, alice, unit_a):
    app = new_base(call, alice, unit_a)
    items = submission_items(app)
    texts = [i["text"] for i in items]
    assert not [t for t in texts if "未填写：" in t]   # said by the 申报条件信息 line already
    assert len(texts) == len(set(texts))
    eligibility_line = next(i for i in items if i["text"].startswith("未填完：申报条件信息"))
    assert eligibility_line["url"] == reverse("declare:section", args=[app.pk, "eligibility"])
    record = next(i for i in items if "职业技能培训工作开展情况" in i["text"])
    assert record["url"] == reverse("declare:materials", args=[app.pk]) + "#item-training_record"


def test_the_submit_page_lists_the_blocking_items_as_links(client, call, alice, unit_a):
    app = new_base(call, alice, unit_a)
    client.force_login(alice)
    html = client.get(reverse("declare:submit", args=[app.pk])).content.decode()
    url = reverse("declare:section", args=[app.pk, "t1_2"])
    assert f'<li><a href="{url}">未填完：表1-2：项目背景、工作基础</a></li>' in html


def test_returned_sections_are_marked_in_the_sidebar_and_the_overview(client, call, alice,
                                                                       unit_a, rex):
    app = complete_application(call=call, unit=unit_a, by=alice)
    submit_application(app, by=alice)
    return_for_revision(app, by=rex, comments="请补充产业数据。", sections=["t1_2"])
    client.force_login(alice)
    side = page(client, app, "t2_1").split('<aside class="section-nav">')[1].split("</aside>")[0]
    flagged = re.findall(r'<li class="[^"]*flagged[^"]*"><a href="([^"]+)"', side)
    assert flagged == [reverse("declare:section", args=[app.pk, "t1_2"])]
    overview = client.get(reverse("declare:overview", args=[app.pk])).content.decode()
    assert re.search(r'flagged"><td>表1-2 项目背景及工作基础[^<]*<span class="badge warn">退回修改',
                     overview)


def test_a_returned_section_page_reads_the_latest_return_once(client, call, alice, unit_a, rex):
    app = complete_application(call=call, unit=unit_a, by=alice)
    submit_application(app, by=alice)
    return_for_revision(app, by=rex, comments="请补充产业数据。", sections=["t1_2"])
    client.force_login(alice)
    page(client, app, "t1_2")
    with CaptureQueriesContext(connection) as q:
        html = page(client, app, "t1_2")
    assert "请补充产业数据。" in html and "退回修改</span>" in html
    assert sum('FROM "declare_applicationevent"' in s["sql"] for s in q.captured_queries) == 1


# ---------------------------------------------------------------- conflict, versions, forms
def test_a_save_from_an_older_tab_of_the_same_user_says_another_window(call, alice, unit_a):
    app = new_base(call, alice, unit_a)
    save_section(application=app, key="t1_2", data={"background": "窗口一", "foundation": ""},
                 base_version=0, by=alice)
    with pytest.raises(StaleSection) as stale:
        save_section(application=app, key="t1_2", data={"background": "窗口二", "foundation": ""},
                     base_version=0, by=alice)
    assert str(stale.value).startswith(
        "您在另一窗口（或标签页）中已保存过本栏目，本页的修改尚未保存：“项目背景”已于 ")
    assert "他人" not in str(stale.value)


def test_version_headings_name_each_speciality(call, alice, unit_a, rex):
    app = complete_application(call=call, unit=unit_a, by=alice, codes=("6-18-01-01", "6-18-02-04"))
    submit_application(app, by=alice)
    headings = [s["heading"] for s in render_sections(app.snapshots.get(), viewer=rex)]
    assert "表3-1-1 车工专业（职业）项目组构成与建设目标" in headings
    assert "表3-2-1 焊工专业（职业）项目组构成与建设目标" in headings


def test_the_withdraw_form_leaves_validation_to_the_server(client, call, alice, unit_a):
    app = complete_application(call=call, unit=unit_a, by=alice)
    submit_application(app, by=alice)
    client.force_login(alice)
    html = client.get(reverse("declare:withdraw", args=[app.pk])).content.decode()
    assert re.search(r'<form method="post" class="form narrowish card" novalidate>', html)
    refused = client.post(reverse("declare:withdraw", args=[app.pk]), {"text": ""})
    assert "请填写内容。" in refused.content.decode()


def _wrong_last(valid: str) -> str:
    return valid[:-1] + ("1" if valid[-1] != "1" else "2")


@pytest.mark.parametrize("value", [_wrong_last(credit_code()), "150102198001011230"])
def test_check_character_messages_name_no_character(value):
    check = validate_credit_code if value.startswith("1215") else validate_id_card
    with pytest.raises(ValidationError) as refused:
        check(value)
    [message] = refused.value.messages
    assert "校验不通过" in message and "应为" not in message


# ---------------------------------------------------------------- home
def test_a_deadline_in_another_year_shows_its_year(call):
    call.recommender_deadline = timezone.now() + timedelta(days=400)
    call.extended_deadline = None
    d = timezone.localtime(call.deadline)
    assert deadline_text(call) == f"{d.year}年{d.month}月{d.day}日"
    call.recommender_deadline = timezone.localtime().replace(month=12, day=31, hour=12)
    assert deadline_text(call) == "12月31日"


def test_the_applicant_card_says_the_deadline(call, alice):
    [card] = applicant_cards(alice)
    assert card["lines"] == [f"{call} 正在申报，截止 {deadline_text(call)}"]


def test_the_recommender_card_opens_the_inbox(call, rex, recommender_x):
    [card] = recommender_cards(rex)
    assert card["link"] == reverse("quotas:inbox", args=[recommender_x.pk, call.pk])
    assert card["link_text"] == "进入推荐工作（初评）"
