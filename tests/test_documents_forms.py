"""附件3/附件4 as PDF: every official label in order, embedded CJK fonts, version on every page."""

import re
import subprocess
from pathlib import Path

import pytest

from calls.choices import Category, ProjectKind
from declare.formdefs import FORMS
from declare.models import ApplicationStatus, Snapshot
from documents.contexts import application_context
from documents.producers import form_pdf
from documents.render import render_html
from documents.samples import fill_application

from .factories import ApplicationFactory, occupation

OFFICIAL = Path(__file__).resolve().parents[1] / "documents" / "official"
SKIP = {"-", "（项目单位名称）"}
# The seed text of 附件4 misspells the names the notice itself and 附件3 use; the form prints
# the notice's naming (README, data notes).
TRANSCRIPTION_SLIPS = {"国家职业技能大师工作室 建设项目申报表": "国家级技能大师工作室建设项目申报表",
                       "人力资源部 社会保障部 财政部 制": "人力资源社会保障部 财政部 制"}


def normalise(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    return text.replace("(", "（").replace(")", "）").replace(",", "，")


def official_labels(name: str, specialities: int = 1) -> list[str]:
    """The words of the official annex (seed text), in order: split at blanks (____), cells
    and spaces, spaced-out labels (填 报 人) joined again, the 表3-n block numbered."""
    text = re.sub(r"<[^>]+>", " ", (OFFICIAL / name).read_text())
    for slip, official in TRANSCRIPTION_SLIPS.items():
        text = text.replace(slip, official)
    text = text.replace("表 ", "表").replace("3-n-", f"3-{specialities}-")
    labels: list[str] = []
    for line in text.splitlines():
        single = False
        for raw in re.split(r"\s+|_{2,}", line):
            tok = normalise(raw)
            if not tok or tok in SKIP:
                continue
            if len(tok) == 1 and single:
                labels[-1] += tok
            else:
                labels.append(tok)
            single = len(tok) == 1
    return labels


def pdf_text(path: Path, *pages) -> str:
    args = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[0])]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def assert_in_order(labels: list[str], text: str):
    body, at = normalise(text), 0
    for label in labels:
        found = body.find(label, at)
        assert found >= 0, f"“{label}” missing after …{body[max(0, at - 30):at]}"
        at = found + len(label)


def page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def assert_only_embedded_cjk_fonts(path: Path):
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    fonts = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert {f[0].split("+")[-1] for f in fonts} == {"Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold"}
    for f in fonts:
        assert "Type 3" not in " ".join(f)
        assert f[-5:-2] == ["yes", "yes", "yes"], f  # emb sub uni


@pytest.fixture
def base_app(call, unit_a, alice):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0042")
    fill_application(app, occupations=[occupation("6-18-01-01"), occupation("6-18-02-04")])
    return app


@pytest.fixture
def studio_app(call, unit_a, alice):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, kind=ProjectKind.STUDIO,
                             tier="", category=Category.MANUFACTURING, reference="2025-GZS-0007")
    fill_application(app, occupations=[occupation("6-18-02-04")])
    return app


def test_base_form_pdf_has_every_official_label_in_order_with_cjk_fonts_and_draft_label(
        base_app, tmp_path):
    path = tmp_path / "annex3.pdf"
    path.write_bytes(form_pdf(base_app))
    text = pdf_text(path)
    assert_in_order(official_labels("annex3.txt", specialities=2), text)
    # both speciality blocks, in order, named after their occupation
    assert_in_order(["表3-1-1车工专业（职业）", "表3-1-2车工专业（职业）建设内容与进度",
                     "表3-2-1焊工专业（职业）", "表3-2-2焊工专业（职业）建设内容与进度",
                     "表4-1保障机制"], text)
    assert_only_embedded_cjk_fonts(path)
    pages = page_count(path)
    for n in range(1, pages + 1):
        assert "版本：2025-JD-0042草稿" in normalise(pdf_text(path, n))
    assert f"第2页共{pages}页" in normalise(pdf_text(path, 2))
    assert "第1页" not in normalise(pdf_text(path, 1))  # the cover carries no page number


def test_studio_form_pdf_has_every_official_label_in_order_and_snapshot_label_once_submitted(
        studio_app, tmp_path):
    studio_app.status = ApplicationStatus.SUBMITTED
    studio_app.save()
    Snapshot.objects.create(application=studio_app, version=3, label="2025-GZS-0007-v3",
                            sha256="0" * 64, data={})
    path = tmp_path / "annex4.pdf"
    path.write_bytes(form_pdf(studio_app))
    assert_in_order(official_labels("annex4.txt"), pdf_text(path))
    assert_only_embedded_cjk_fonts(path)
    for n in range(1, page_count(path) + 1):
        assert "版本：2025-GZS-0007-v3" in normalise(pdf_text(path, n))


def test_returned_application_prints_draft_label_not_its_old_snapshot(studio_app):
    studio_app.status = ApplicationStatus.RETURNED
    studio_app.save()
    Snapshot.objects.create(application=studio_app, version=1, label="2025-GZS-0007-v1",
                            sha256="0" * 64, data={})
    assert application_context(studio_app)["doc_label"] == "2025-GZS-0007 草稿"


def test_budget_rows_carry_computed_totals_and_ratios(base_app):
    budget = application_context(base_app)["budget"]
    assert [r["label"] for r in budget] == ["合计", "构建完善的高技能人才培训体系", "提升培训能力",
                                            "高技能人才培养经验成果"]
    total = budget[0]["cells"]
    assert [c["amount"] for c in total] == ["150.00", "153.00", "156.00", "159.00", "618.00"]
    assert total[4]["ratio"] == "100.00"
    first = budget[1]["cells"]
    assert (first[0]["ratio"], first[4]["amount"], first[4]["ratio"]) == (
        "24.10", "166.00", "26.86")


def test_table5_prints_five_empty_expert_rows_and_the_calls_minimum_in_the_note(base_app):
    html = render_html("annex3_base.html", application_context(base_app))
    assert html.count('<tr class="expert">') == 5
    assert "说明：1. 专家人数不得少于5人；2. 专家人数应为单数。" in html
    base_app.call.thresholds = {"panel_min_experts": 7}
    base_app.call.save()
    html = render_html("annex3_base.html", application_context(base_app))
    assert html.count('<tr class="expert">') == 7
    assert "说明：1. 专家人数不得少于7人；2. 专家人数应为单数。" in html


def test_studio_table5_uses_the_annex4_wording_of_the_expert_note(studio_app):
    ctx = application_context(studio_app)
    assert ctx["expert_note"] == "说明：专家人数应为单数，不得少于5人。"
    html = render_html("annex4_studio.html", ctx)
    assert html.count('<tr class="expert">') == 5


def test_pii_is_printed_decrypted_on_the_form(studio_app):
    ctx = application_context(studio_app)
    assert ctx["master"]["id_number"] == "150202197503120011"
    assert ctx["master"]["mobile"] == "13912345678"
    assert ctx["cover"]["leader_level"] == "一级/高级技师"


def test_other_documents_render_from_a_plain_context(tmp_path):
    from documents.render import render_pdf

    plaque = render_pdf("plaque.html", {"title": "国家级技能大师工作室", "name": "张建军技能大师工作室",
                                        "unit": "包头市装备制造技师学院", "issuer": "内蒙古自治区人力资源和社会保障厅",
                                        "date": "2026年6月"})
    notice = render_pdf("public_notice.html", {
        "title": "关于2025年度国家级建设项目推荐名单的公示",
        "paragraphs": [{"text": "经专家评审，现予公示。", "item": False}, {"text": "", "item": False},
                       {"text": "1. 包头市装备制造技师学院（A类）", "item": True}],
        "corrected": "", "issuer": "内蒙古自治区人力资源和社会保障厅", "date": "2025年9月1日"})
    report = render_pdf("recommendation_report.html", {
        "title": "包头市关于推荐2025年度国家级建设项目的报告", "recipient": "自治区人力资源社会保障厅",
        "sections": [{"heading": "一、评审程序", "text": "组织专家评审。"}], "signer": "包头市人社局",
        "date": "2025年7月20日"})
    t5 = render_pdf("opinion_t5.html", {"P": FORMS["2025-national"].printed["studio"],
                                        "expert_note": "说明：专家人数应为单数，不得少于5人。",
                                        "expert_blanks": [0, 1, 2, 3, 4], "expert_rowspan": 7})
    for name, data in (("plaque", plaque), ("notice", notice), ("report", report), ("t5", t5)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
    assert "张建军技能大师工作室" in normalise(pdf_text(tmp_path / "plaque.pdf"))
    assert "包头市装备制造技师学院" in normalise(pdf_text(tmp_path / "notice.pdf"))
    assert "一、评审程序" in normalise(pdf_text(tmp_path / "report.pdf"))
    assert_in_order(["专家评审意见", "专家信息", "说明：专家人数应为单数，不得少于5人。", "签名",
                     "行政部门审核意见"], pdf_text(tmp_path / "t5.pdf"))
