import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from calls.choices import Category, ProjectKind
from quotas import services
from quotas.selectors import annex2_rows

from .quotas_support import submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(call, unit_a, unit_b, rex, recommender_x):
    a = submitted_application(call=call, unit=unit_a, summary={
        "honours": "2021年 自治区级高技能人才培训基地", "performance": "年培训 3500 人次"})
    b = submitted_application(call=call, unit=unit_b, category=Category.SERVICE, tier="B",
                              code="4-10-01-05", summary={"honours": "2020年 国家级基地",
                                                          "performance": "培训护理员 2000 人次"})
    studio = submitted_application(call=call, unit=unit_a, kind=ProjectKind.STUDIO,
                                   master={"name": "李大师", "skill_level": "1"},
                                   summary={"leader_awards": "2018年 全国技术能手",
                                            "leader_performance": "主持攻关 8 项"})
    for app in (a, b, studio):
        services.recommend(app, by=rex)
    services.move(b, by=rex, step=-1)
    services.register_contact(call, recommender_x, by=rex, name="赵联络", phone="0472-5123456",
                              mobile="13904721234")
    return a, b, studio


def test_base_rows_follow_the_ranking_with_the_agreed_keys(call, recommender_x, ranked):
    header, rows = annex2_rows(call, recommender_x, ProjectKind.BASE)
    assert header == {"recommender": "甲市人力资源和社会保障局", "filler": "赵联络",
                      "phone": "0472-5123456 / 13904721234",
                      "title": "2025 年国家级高技能人才培训基地建设项目申报情况汇总表"}
    assert rows == [
        {"seq": 1, "unit": "甲市第二职业培训学校", "category": "社会生产和生活服务类B档",
         "occupation": "养老护理员（4-10-01-05）", "honours": "2020年 国家级基地",
         "performance": "培训护理员 2000 人次"},
        {"seq": 2, "unit": "甲市第一技师学院", "category": "生产制造类A档",
         "occupation": "车工（6-18-01-01）", "honours": "2021年 自治区级高技能人才培训基地",
         "performance": "年培训 3500 人次"},
    ]


def test_studio_rows_carry_the_leader(call, recommender_x, ranked):
    header, rows = annex2_rows(call, recommender_x, ProjectKind.STUDIO)
    assert header["title"] == "2025 年国家级技能大师工作室建设项目申报情况汇总表"
    assert rows == [{"seq": 1, "unit": "甲市第一技师学院", "category": "生产制造类",
                     "occupation": "车工（6-18-01-01）", "leader": "李大师",
                     "leader_level": "一级/高级技师", "leader_awards": "2018年 全国技术能手",
                     "leader_performance": "主持攻关 8 项"}]


def test_excel_download_has_the_official_header_and_the_ranked_rows(
        client, call, recommender_x, rex, ranked):
    client.force_login(rex)
    r = client.get(reverse("quotas:annex2_download",
                           args=[recommender_x.pk, call.pk, "base", "xlsx"]))
    assert r["Content-Disposition"].startswith("attachment")
    ws = load_workbook(io.BytesIO(r.content)).active
    values = [[c for c in row if c not in (None, "")] for row in ws.iter_rows(values_only=True)]
    assert values[0] == ["附件2-1"]
    assert values[1] == ["2025 年国家级高技能人才培训基地建设项目申报情况汇总表"]
    assert values[2] == ["推荐单位：甲市人力资源和社会保障局", "填表人：赵联络",
                         "联系电话：0472-5123456 / 13904721234"]
    assert values[3] == ["序号", "项目申报单位", "项目类别", "申报职业（工种）及代码", "获得荣誉情况",
                         "开展培训及主要业绩情况"]
    assert [v[1] for v in values[4:6]] == ["甲市第二职业培训学校", "甲市第一技师学院"]


def test_pdf_download_is_a_pdf(client, call, recommender_x, rex, ranked):
    client.force_login(rex)
    r = client.get(reverse("quotas:annex2_download",
                           args=[recommender_x.pk, call.pk, "studio", "pdf"]))
    assert (r["Content-Type"], r.content[:5]) == ("application/pdf", b"%PDF-")


def test_unknown_format_is_not_found(client, call, recommender_x, rex):
    client.force_login(rex)
    r = client.get(reverse("quotas:annex2_download",
                           args=[recommender_x.pk, call.pk, "base", "doc"]))
    assert r.status_code == 404


def test_preview_page_shows_columns_and_note(client, call, recommender_x, rex, ranked):
    client.force_login(rex)
    html = client.get(reverse("quotas:annex2", args=[recommender_x.pk, call.pk])).content.decode()
    assert "领办人职业技能等级" in html
    assert "填表说明：项目类别填写：生产制造类 A 档、生产制造类 B 档" in html
