"""附件2-1 / 附件2-2 as Excel (issue 9 item 3 and 8), opened with openpyxl: the official column
heads (DOMAIN.md §7, notice 附件2-1/2-2), the 推荐单位/填表人/联系电话 header line, 填表说明,
widths, wrapping, landscape A4 with a print area; text starting with = + - @ stays text; and
the all-region workbook (one sheet per recommender plus a 汇总 sheet)."""

import io

import pytest
from openpyxl import load_workbook

from calls.choices import Category, ProjectKind
from documents.producers import summary_file
from quotas import services

from .quotas_support import submitted_application

pytestmark = pytest.mark.django_db

HEADS = {
    "base": ["序号", "项目申报单位", "项目类别", "申报职业（工种）及代码", "获得荣誉情况",
             "开展培训及主要业绩情况"],
    "studio": ["序号", "项目申报单位", "项目类别", "申报职业（工种）及代码", "领办人",
               "领办人职业技能等级", "领办人获奖情况", "领办人主要业绩情况"],
}
HOSTILE = {"honours": "=HYPERLINK(\"http://evil.example\",\"点我\")", "performance": "+86 培训 3000 人次"}


# (unit fixture, recommender user fixture, extra arguments of submitted_application)
APPLICATIONS = (
    ("unit_a", "rex", {"summary": HOSTILE}),
    ("unit_b", "rex", {"category": Category.SERVICE, "tier": "B", "code": "4-10-01-05",
                       "summary": {"honours": "-2020年 国家级基地", "performance": "培训 2000 人次"}}),
    ("unit_a", "rex", {"kind": ProjectKind.STUDIO, "master": {"name": "=李大师", "skill_level": "1"},
                       "summary": {"leader_awards": "2018年 全国技术能手",
                                   "leader_performance": "主持攻关 8 项"}}),
    ("unit_y", "yvonne", {"summary": {"honours": "2022年 市级基地", "performance": "培训 900 人次"}}),
)


@pytest.fixture
def recommended(request, call, unit_b, unit_y, recommender_x, rex, yvonne):
    unit_b.name = "@SUM(1+1)职业培训学校"
    unit_b.save()
    apps = []
    for unit, who, extra in APPLICATIONS:
        app = submitted_application(call=call, unit=request.getfixturevalue(unit), **extra)
        services.recommend(app, by=request.getfixturevalue(who))
        apps.append(app)
    services.register_contact(call, recommender_x, by=rex, name="赵联络", phone="0472-5123456",
                              mobile="13904721234")
    return apps


def open_sheet(data: bytes):
    assert data[:2] == b"PK"
    return load_workbook(io.BytesIO(data))


def row_values(ws, row: int) -> list:
    return [c.value for c in ws[row] if c.value not in (None, "")]


@pytest.mark.parametrize(("kind", "annex"), [("base", "附件2-1"), ("studio", "附件2-2")])
def test_summary_workbook_has_the_official_layout(call, recommender_x, recommended, kind, annex):
    data, name = summary_file(call, recommender_x, kind, "xlsx")
    assert name.startswith(f"{annex} ") and name.endswith(".xlsx")
    wb = open_sheet(data)
    ws = wb.active
    assert ws.title == annex and ws["A1"].value == annex
    subject = "国家级高技能人才培训基地" if kind == "base" else "国家级技能大师工作室"
    assert ws["A2"].value == f"{call.year} 年{subject}建设项目申报情况汇总表"
    assert row_values(ws, 3) == ["推荐单位：甲市人力资源和社会保障局", "填表人：赵联络",
                                 "联系电话：0472-5123456 / 13904721234"]
    assert row_values(ws, 4) == HEADS[kind]
    rows = ws.max_row - 4 - 1  # data rows, the blank row, 填表说明
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("填表说明")]
    assert len(notes) == 1 and "职业分类大典（2022 年版）" in notes[0]
    assert ws.cell(row=ws.max_row, column=1).value == notes[0]
    assert rows >= 1
    last = chr(ord("A") + len(HEADS[kind]) - 1)
    for col in range(len(HEADS[kind])):
        assert ws.column_dimensions[chr(ord("A") + col)].width >= 6
    assert ws.column_dimensions["B"].width >= 20
    assert all(ws.cell(row=5, column=c).alignment.wrap_text for c in range(1, len(HEADS[kind]) + 1))
    assert ws.cell(row=5, column=1).border.left.style == "thin"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_area == f"'{annex}'!$A$1:${last}${ws.max_row}"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToWidth) == 1


def test_formula_like_text_is_stored_as_text(call, recommender_x, recommended):
    wb = open_sheet(summary_file(call, recommender_x, "base", "xlsx")[0])
    ws = wb.active
    cells = {c.value: c for row in ws.iter_rows(min_row=5) for c in row if c.value}
    for value in (HOSTILE["honours"], HOSTILE["performance"], "@SUM(1+1)职业培训学校",
                  "-2020年 国家级基地"):
        assert value in cells, value
        assert cells[value].data_type == "s" and cells[value].quotePrefix
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    studio = open_sheet(summary_file(call, recommender_x, "studio", "xlsx")[0]).active
    leader = [c for row in studio.iter_rows(min_row=5) for c in row if c.value == "=李大师"]
    assert len(leader) == 1 and leader[0].data_type == "s"


def test_raw_xml_holds_no_formula(call, recommender_x, recommended):
    import zipfile

    data = summary_file(call, recommender_x, "base", "xlsx")[0]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_all_region_workbook_has_a_total_sheet_and_one_sheet_per_recommender(
        call, recommended):
    data, name = summary_file(call, None, "base", "xlsx")
    assert name == "附件2-1 全区汇总.xlsx"
    wb = open_sheet(data)
    assert wb.sheetnames[0] == "汇总"
    assert sorted(wb.sheetnames[1:]) == sorted(["甲市人力资源和社会保障局", "乙市人力资源和社会保障局"])
    total = wb["汇总"]
    assert row_values(total, 4) == ["序号", "推荐单位", *HEADS["base"][1:]]
    body = [row_values(total, r) for r in range(5, 8)]
    assert [r[0] for r in body] == [1, 2, 3]
    assert sorted(r[1] for r in body) == ["乙市人力资源和社会保障局", "甲市人力资源和社会保障局",
                                          "甲市人力资源和社会保障局"]
    units = sorted(r[2] for r in body)
    assert units == sorted(["甲市第一技师学院", "@SUM(1+1)职业培训学校", "乙市康养培训中心"])
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_area
    x = wb["甲市人力资源和社会保障局"]
    assert row_values(x, 4) == HEADS["base"]
    assert len([r for r in range(5, x.max_row) if isinstance(x.cell(r, 1).value, int)]) == 2
    y = wb["乙市人力资源和社会保障局"]
    assert row_values(y, 5)[1] == "乙市康养培训中心"
