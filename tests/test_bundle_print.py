"""The 合订本 as a clerk prints it (issue 16 §5), read back from the rendered PDF: the 目录 is
page 2 and lists itself, a required material not uploaded is listed as 未上传 (and the print
page warns before the bundle is made), the stamp stays ≥ 10 mm inside the top and bottom edges
and out of the verification corner, every PDF carries Title/Author/Subject, the typed 办法 keeps
every paragraph's indent, and a long 目录 title breaks only between words."""

import io
import re
import subprocess
from html import unescape

import pytest
from django.urls import reverse
from pypdf import PdfReader

from calls.choices import ProjectKind
from declare.checklist import items_of
from documents.contexts import application_context
from documents.models import RenderJob, RenderKind
from documents.producers import bundle_pdf, form_pdf, material_parts, plaque_pdf
from documents.sources import document_label

from .test_declare_workflow_builders import add_material, complete_application
from .test_documents_bundle import page_texts, toc_entries

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
TRAINING = "2022-2024年职业技能培训工作开展情况（需经属地人力资源社会保障部门审核、盖章）"
LONG_UNIT = "呼和浩特市青城家政服务职业培训学校"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"([^<]*)</word>")
LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</line>', re.S)


def bbox(data: bytes, tmp_path, page: int, layout: bool = False) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    flag = "-bbox-layout" if layout else "-bbox"
    return subprocess.run(["pdftotext", flag, "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def words(data: bytes, tmp_path, page: int) -> list[tuple[float, float, float, float, str]]:
    return [(float(a), float(b), float(c), float(d), unescape(t))
            for a, b, c, d, t in WORD.findall(bbox(data, tmp_path, page))]


@pytest.fixture
def base(call, unit_a, alice):
    """A complete base application without uploads: 办法 and 细则 typed, the 2022–2024 training
    record and the 佐证材料 missing (both required, neither has a typed alternative)."""
    return complete_application(call=call, unit=unit_a, by=alice, materials=False)


def test_toc_is_page_two_lists_itself_and_the_missing_required_materials(base, tmp_path):
    data = bundle_pdf(base)
    texts = page_texts(data, tmp_path)
    toc_page, entries = toc_entries(texts)
    assert toc_page == 2
    assert entries["封面"] == (1, 1) and entries["目录"] == (2, 2)
    assert entries["2025年国家级高技能人才培训基地建设项目申报表（附件3）"][0] == 3
    assert entries[TRAINING] is None and entries["佐证材料（需标注目录和页码）"] is None
    # in checklist order: 办法, 细则 (typed), then the two missing ones
    listed = [t for t in entries if t not in ("封面", "目录")]
    assert listed[-2:] == [TRAINING, "佐证材料（需标注目录和页码）"]
    assert texts[1].count("未上传") == 2


def test_an_uploaded_material_is_not_listed_as_missing(base, alice, tmp_path):
    add_material(base, "training_record", by=alice, title="培训情况.pdf")
    _page, entries = toc_entries(page_texts(bundle_pdf(base), tmp_path))
    assert entries[TRAINING] is not None
    assert entries["佐证材料（需标注目录和页码）"] is None


def test_masked_bundle_never_mentions_the_personal_items(call, unit_a, alice, tmp_path):
    studio = complete_application(call=call, unit=unit_a, by=alice, kind=ProjectKind.STUDIO,
                                  materials=False)
    texts = page_texts(bundle_pdf(studio, masked=True), tmp_path)
    _page, entries = toc_entries(texts)
    assert "其他佐证材料" not in entries  # optional and not uploaded: simply absent
    for item in items_of(studio):
        if item.personal:
            assert item.label not in entries
        elif item.required and not item.alternative:
            assert entries[item.label] is None  # 工作室所依托的企业… not uploaded
    full = toc_entries(page_texts(bundle_pdf(studio), tmp_path))[1]
    assert full["领办人身份证"] is None


def test_stamp_is_at_least_10mm_inside_and_clear_of_the_verification_corner(base, tmp_path):
    data = bundle_pdf(base)
    label = document_label(base).split()[0]  # T-0000n
    reader = PdfReader(io.BytesIO(data))
    for n, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        found = words(data, tmp_path, n)
        tops = [w for w in found if w[4] == label and w[1] < height / 4]
        assert len(tops) == 1, (n, found[:5])
        assert tops[0][1] >= 10 * MM, f"page {n}: label {tops[0][1] / MM:.1f} mm from the top"
        numbers = [w for w in found if w[4] == "共" and w[1] > height * 3 / 4]
        assert len(numbers) == 1, n
        assert height - numbers[0][3] >= 10 * MM
        for x0, _y0, _x1, y1, text in (*tops, *numbers):
            # the bottom-right 30 mm × 18 mm belong to the verification code
            assert not (x0 > width - 30 * MM and y1 > height - 18 * MM), (n, text)


def metadata(data: bytes):
    return PdfReader(io.BytesIO(data)).metadata


def test_bundle_and_form_carry_title_author_and_subject(base):
    label = document_label(base)
    for data, title in ((bundle_pdf(base), "打印合订本"), (form_pdf(base), "附件3")):
        meta = metadata(data)
        assert title in meta.title and label in meta.title
        assert meta.author == "甲市第一技师学院"
        assert base.call.doc_number in meta.subject


def test_plaque_carries_metadata():
    meta = metadata(plaque_pdf({"unit": "甲市第一技师学院", "title": "国家级高技能人才培训基地",
                                "name": "车工高技能人才培训基地", "issuer": "测试自治区人社厅",
                                "date": "2026年5月1日", "number": "JD-2026-001"}))
    assert meta.title == "国家级高技能人才培训基地牌匾 甲市第一技师学院（JD-2026-001）"
    assert meta.author == "测试自治区人社厅" and meta.subject == "甲市第一技师学院车工高技能人才培训基地"


MEASURES = ("第一条 为规范本单位国家级高技能人才培训基地建设项目的组织实施，依据人社部发〔2022〕62号"
            "文件和自治区有关规定，结合本单位实际，制定本办法，本办法适用于项目建设的全过程管理。\n"
            "第二条 项目实行领导小组统一领导、项目办公室组织协调、专业项目组具体实施的管理体制，"
            "各项目组对本组建设任务的进度、质量和资金使用负责。\n"
            "\n"
            "　　第三条 项目组按年度制定建设计划。")


def test_typed_measures_keep_every_paragraph_indent(call, unit_a, alice, tmp_path):
    app = complete_application(call=call, unit=unit_a, by=alice, materials=False,
                               annex_texts={"measures": MEASURES})
    parts = material_parts(app, application_context(app), masked=False)
    data = next(src for title, src, _t in parts if title.endswith("实施管理办法")).getvalue()
    lines = [(float(x), unescape(re.sub(r"<[^>]+>|\s+", "", body)))
             for x, _y, body in LINE.findall(bbox(data, tmp_path, 1, layout=True))]
    starts = {n: x for x, text in lines for n in ("第一条", "第二条", "第三条")
              if text.startswith(n)}
    assert set(starts) == {"第一条", "第二条", "第三条"}
    continuation = [x for x, text in lines if text and not text.startswith("第")
                    and "实施管理办法" not in text]
    assert continuation, lines  # the long 条 wrap
    margin = min(continuation)
    for n, x in starts.items():  # 2em of 12 pt, whether by CSS or by the typed full-width spaces
        assert abs(x - margin - 24) < 1.5, (n, x, margin)


def test_long_toc_titles_break_only_between_words(call, unit_a, alice, tmp_path):
    unit_a.name = LONG_UNIT
    unit_a.save()
    app = complete_application(call=call, unit=unit_a, by=alice, materials=False)
    toc = page_texts(bundle_pdf(app), tmp_path)[1]
    lines = [re.sub(r"^\d+\s+|\s*第\s*[\d–]+\s*页$", "", line.strip())
             for line in toc.splitlines()]
    for rest in ("国家级高技能人才培训基地建设项目实施管理办法",
                 "国家级高技能人才培训基地建设项目经费管理实施细则"):
        whole = LONG_UNIT + rest
        # one line, shrunk — or broken after the unit's name, never inside 学校 or 办法
        assert whole in lines or [LONG_UNIT, rest] in [lines[i:i + 2]
                                                     for i in range(len(lines) - 1)], lines
    assert re.search(rf"{TRAINING}\s+未上传", toc)


def test_print_page_warns_about_missing_materials_before_the_bundle(client, base, alice):
    client.force_login(alice)
    page = client.get(reverse("documents:application", args=[base.pk])).content.decode()
    warning = re.search(r'<p class="notice warn" id="bundle-missing"[^>]*>(.*?)</p>', page, re.S)
    assert warning, "no warning on the print page"
    text = unescape(warning.group(1))
    assert text.startswith(f"以下必备材料尚未上传：{TRAINING}、佐证材料（需标注目录和页码），"
                           "合订本中将标注为未上传。")
    assert f'href="{reverse("declare:materials", args=[base.pk])}"' in warning.group(1)
    # and again when the bundle is asked for; the job is made all the same (never blocked)
    answer = client.post(reverse("documents:application", args=[base.pk]), {"kind": "bundle"},
                         follow=True)
    job = RenderJob.objects.get(application=base, kind=RenderKind.BUNDLE)
    assert answer.redirect_chain[-1][0] == reverse("documents:job", args=[job.pk])
    said = [str(m) for m in answer.context["messages"]]
    assert any(m.startswith("以下必备材料尚未上传：") for m in said)


def test_no_warning_when_everything_required_is_there(client, call, unit_a, alice):
    app = complete_application(call=call, unit=unit_a, by=alice)
    client.force_login(alice)
    page = client.get(reverse("documents:application", args=[app.pk])).content.decode()
    assert 'id="bundle-missing"' not in page and "以下必备材料尚未上传" not in page


def test_a_draft_bundle_carries_the_watermark_once_on_every_page(base, tmp_path):
    """Issue 16 §7 for the 合订本: the cover, the 目录, the form and the typed materials of a
    draft each carry the 草稿 watermark exactly once (the form's own is left to the bundle)."""
    texts = page_texts(bundle_pdf(base), tmp_path)
    assert len(texts) > 3
    for n, text in enumerate(texts, start=1):
        assert "".join(text.split()).count("非正式申报材料") == 1, n


def test_a_submitted_bundle_has_no_watermark(call, unit_a, alice, tmp_path):
    from declare.services.workflow import submit_application

    base = complete_application(call=call, unit=unit_a, by=alice)
    submit_application(base, by=alice)
    texts = page_texts(bundle_pdf(base), tmp_path)
    assert not any("非正式申报材料" in t for t in texts)
