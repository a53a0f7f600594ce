"""附件3/附件4 as laid out on paper (issue 16), read from the rendered PDFs: the cover on one
page, labels never leaving a last character alone, numbers, dates and names unbroken, row
groups whole or continued with their head and label（续）, 附件4 on its four official pages,
表4-2 blank where empty with rows summing to 100.00, the draft watermark, and the bottom-right
corner kept free for the verification stamp."""

import io
import re

import pytest

from calls import demo as calls_demo
from declare import demo as declare_demo
from declare.models import ApplicationStatus, Section, Snapshot
from documents.fit import PLACE_BREAKS, cover_value
from documents.producers import form_pdf
from documents.samples import fill_application
from orgs import demo as orgs_demo

from .factories import ApplicationFactory, occupation
from .pdf_layout_support import (
    assert_label_whole,
    assert_value_on_one_line,
    last_content_line,
    page_text,
    pages,
    words,
    words_in_corner,
)

LONG_NAME = "内蒙古自治区呼和浩特市赛罕区青城家政服务职业技能培训学校附属家政实训中心第一分部"
WATERMARK = "草稿·非正式申报材料"
BASE_LABELS = ("项目单位主管部门", "统一社会信用代码或组织机构代码", "项目单位地址及网址", "办公电话",
               "部门及职务", "开户银行", "法人代表信息", "联系人信息", "项目单位名称")
STUDIO_LABELS = ("申报单位名称", "单位性质", "邮政编码", "技能大师姓名", "参加工作时间", "政治面貌",
                 "身份证号", "职业技能等级", "工作室面积", "办公电话", "出生年月",
                 "开户银行及资金账号", "工作单位及职务", "工作室基本设施", "工作室人员")


@pytest.fixture
def demo(db):
    out = io.StringIO()
    orgs_demo.seed(out)
    calls_demo.seed(out)
    return declare_demo.seed(out)["demo_applications"]


def render(tmp_path, application, name: str):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(form_pdf(application))
    return path


def test_demo_studio_is_four_pages_labels_whole_values_unbroken(demo, tmp_path):
    path = render(tmp_path, demo["studio"], "studio")
    assert pages(path) == 4  # cover, 填写要求, the big table, the opinion page
    all_words = words(path)
    for label in STUDIO_LABELS:
        assert_label_whole(all_words, label)
    for value in ("0475-8234567", "0475-8234570", "15047561234", "150521197203152519",
                  "宝音德力格尔", "1990年7月", "1972年3月", "包文斌", "萨仁高娃", "028000",
                  "民族拉弦弹拨乐器制作工（马头琴制作）（6-09-02-04）"):
        assert_value_on_one_line(all_words, value)
    # the 业绩 label stands on the table's page with the beginning of its text
    table_page = page_text(path, 3)
    assert "技能大师工作业绩" in table_page and "从事马头琴制作35年" in table_page
    assert "申报单位意见" in page_text(path, 4)


def test_studio_cover_follows_the_notice_wording_on_one_page(demo, tmp_path):
    path = render(tmp_path, demo["studio"], "studio")
    cover = page_text(path, 1)
    assert "2025年国家级技能大师工作室建设项目申报表" in cover
    assert "人力资源社会保障部财政部制2022年" in cover
    assert "国家职业技能大师工作室" not in cover and "人力资源部社会保障部" not in cover
    assert page_text(path, 2).replace(WATERMARK, "").startswith("填写要求")


def test_demo_base_labels_whole_values_unbroken_and_groups_under_their_head(demo, tmp_path):
    path = render(tmp_path, demo["base"], "base")
    all_words = words(path)
    for label in BASE_LABELS:
        assert_label_whole(all_words, label)
    for value in ("0472-5123456", "0472-5123460", "13904721234", "13847261588", "王振华",
                  "刘晓燕", "2025年7月10日", "车工（数控车工）（6-18-01-01）", "焊工（6-18-02-04）"):
        assert_value_on_one_line(all_words, value)
    # every page with a row of a 表3-n-2 group carries the group's head (kept whole, or
    # continued under a repeated head)
    for n in range(1, pages(path) + 1):
        if any(w.page == n and re.match(r"^[1-4]\.[^\d\s]", w.text) for w in all_words):
            assert "建设期第一年" in page_text(path, n), f"page {n}: a group without its head"
    # no page ends with a heading, a table title or a group's head row
    for n in range(1, pages(path) + 1):
        last = last_content_line(path, n)
        assert not re.match(r"^(表 ?\d|[一二三四五]、|建设内容|建设期)", last), f"page {n} ends: {last}"


def test_cover_is_one_page_for_a_forty_character_unit_name(call, unit_a, alice, tmp_path):
    assert len(LONG_NAME) == 40
    unit_a.name = LONG_NAME
    unit_a.save()
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0099")
    fill_application(app, occupations=[occupation("6-18-01-01"), occupation("6-18-02-04")])
    t1_1 = Section.objects.get(application=app, key="t1_1")
    t1_1.data = {**t1_1.data, "unit_name": LONG_NAME}
    t1_1.save()
    cover_section = Section.objects.get(application=app, key="cover")
    cover_section.data = {**cover_section.data, "authority": "内蒙古自治区呼和浩特市人力资源和社会保障局"}
    cover_section.save()
    path = render(tmp_path, app, "long")
    cover = page_text(path, 1)
    assert LONG_NAME in cover.replace(WATERMARK, "")
    assert "内蒙古自治区呼和浩特市人力资源和社会保障局" in cover
    assert "人力资源社会保障部财政部制2022年" in cover
    assert page_text(path, 2).replace(WATERMARK, "").startswith("填写要求")
    # two lines at most, cut after a place or organisation word, never mid-word
    lines = [w.text for w in words(path) if w.page == 1 and w.text and w.text in LONG_NAME]
    assert "".join(lines) == LONG_NAME and len(lines) <= 2
    assert len(lines) == 1 or lines[0].endswith(PLACE_BREAKS)


def test_cover_values_fit_one_line_up_to_thirty_characters():
    assert cover_value("包头市装备制造技师学院", "base") == {"lines": ["包头市装备制造技师学院"],
                                                        "size": 15.0}
    thirty = cover_value(LONG_NAME[:30], "studio")
    assert thirty["lines"] == [LONG_NAME[:30]] and 9 <= thirty["size"] < 15
    forty = cover_value(LONG_NAME, "studio")
    assert "".join(forty["lines"]) == LONG_NAME and len(forty["lines"]) == 2
    assert forty["lines"][0].endswith(PLACE_BREAKS)
    occupations = cover_value("车工（数控车工）（6-18-01-01）、焊工（6-18-02-04）、电工（6-31-01-03）",
                              "studio", breaks=("、",))
    assert all(line.endswith("）") or line.endswith("、") for line in occupations["lines"])


def test_a_long_group_and_a_long_text_row_repeat_head_and_label_on_the_next_page(
        call, unit_a, alice, tmp_path):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0098")
    fill_application(app, occupations=[occupation("6-18-01-01")])
    plan = Section.objects.get(application=app, key="t3_1_2")
    long = "完善培训课程标准与教学资源库建设，形成可复制推广的培训模式。" * 12
    plan.data = {**plan.data, "system": [{"item": long, "year1": long, "year2": long}] * 4}
    plan.save()
    goals = Section.objects.get(application=app, key="t2_2")
    goals.data = {**goals.data, "stages": "\n".join(
        f"第{n}阶段：围绕重点产业开展高技能人才培训，年培训规模达到计划目标，考核合格率不低于九成。" * 3
        for n in range(1, 13))}
    goals.save()
    path = render(tmp_path, app, "groups")
    texts = [page_text(path, n) for n in range(1, pages(path) + 1)]
    continued = [t for t in texts if "建设内容一（续）" in t]
    assert continued, "the long group is not continued"
    for text in continued:
        assert "建设期第一年验收要点" in text and "（续）" in text.split("建设内容一（续）")[1]
    first = next(i for i, t in enumerate(texts) if "表3-1-2" in t)
    assert "建设内容一" in texts[first]
    # 表2-2's long 阶段目标 goes on under its label（续）
    stages = [i for i, t in enumerate(texts) if "阶段目标（续）" in t]
    assert stages and all("第" in texts[i] for i in stages)


def budget_page(path) -> int:
    return next(n for n in range(1, pages(path) + 1) if "表4-2投入预算汇总" in page_text(path, n))


def test_an_empty_budget_prints_blank_cells_and_dashes(call, unit_a, alice, tmp_path):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0097")
    fill_application(app, occupations=[occupation("6-18-01-01")])
    Section.objects.filter(application=app, key="t4_2").update(data={"budget": {}})
    path = render(tmp_path, app, "empty")
    n = budget_page(path)
    table = page_text(path, n).split("表4-2投入预算汇总")[1]
    assert "0.00" not in table
    assert table.count("—") == 20  # every ratio of four rows × five cells
    assert "注：" not in table  # the note lives in the web form's help


def test_budget_rows_sum_to_exactly_100_and_amounts_are_right_aligned(call, unit_a, alice,
                                                                       tmp_path):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0096")
    fill_application(app, occupations=[occupation("6-18-01-01")])
    Section.objects.filter(application=app, key="t4_2").update(data={"budget": {
        "system": {"central": "1", "local": "1", "industry": "1", "other": "3"},
        "capacity": {"central": "100", "local": "2", "industry": "4", "other": "7"},
        "results": {"central": "3", "local": "3", "industry": "3", "other": "3"}}})
    path = render(tmp_path, app, "sums")
    n = budget_page(path)
    numbers = [w for w in words(path) if w.page == n and re.fullmatch(r"\d+\.\d\d", w.text)]
    rows: dict[int, list] = {}
    for w in numbers:
        rows.setdefault(round(w.y0), []).append(w)
    rows = [sorted(r, key=lambda w: w.x0) for _y, r in sorted(rows.items())]
    assert len(rows) == 4 and all(len(r) == 10 for r in rows)
    for row in rows:
        ratios = [float(w.text) for w in row[1:8:2]]
        assert round(sum(ratios), 2) == 100.00, [w.text for w in row]
    assert sum(float(r[9].text) for r in rows[1:]) == pytest.approx(100.00)
    assert [w.text for w in rows[1][1:8:2]] == ["16.67", "16.67", "16.66", "50.00"]
    # right-aligned: the central amounts (1.00, 100.00, 3.00) end at the same x
    central = [r[0] for r in rows[1:]]
    assert max(w.x1 for w in central) - min(w.x1 for w in central) < 0.5
    assert max(w.x0 for w in central) - min(w.x0 for w in central) > 5


def test_a_draft_carries_the_watermark_on_every_page_and_the_corner_stays_free(demo, tmp_path):
    for kind in ("base", "studio"):
        path = render(tmp_path, demo[kind], kind)
        for n in range(1, pages(path) + 1):
            assert WATERMARK in page_text(path, n), f"{kind} page {n}"
        assert words_in_corner(path, words(path)) == []


def test_a_submitted_version_has_no_watermark(demo, tmp_path):
    studio = demo["studio"]
    studio.status = ApplicationStatus.SUBMITTED
    studio.save()
    Snapshot.objects.create(application=studio, version=1, label=f"{studio.reference}-v1",
                            sha256="0" * 64, data={})
    path = render(tmp_path, studio, "submitted")
    for n in range(1, pages(path) + 1):
        text = page_text(path, n)
        assert "非正式申报材料" not in text
        assert f"版本：{studio.reference}-v1" in text
    assert words_in_corner(path, words(path)) == []
