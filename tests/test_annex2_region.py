"""附件2 (issue 16 §8, issue 18 §9): the 填表说明 cell in the sheet's 宋体, 序号 centred in the
PDF, the all-region workbook's sheets in 附件1's order (then the direct units), a region-wide
PDF (one section per recommender, each on its own pages), metadata on the PDF, and the region's
page offering both with a button that starts the render job."""

import io
import re
import subprocess
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from calls.choices import ProjectKind
from documents.models import RenderJob, RenderKind
from documents.producers import summary_file
from documents.services import request_summary
from orgs.models import OrgKind

from .factories import CallFactory, QuotaFactory, RecommenderFactory
from .test_quotas_annex2 import ranked  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"([^<]*)</word>")
REGION_FORM = re.compile(r'<form class="downloads region-export" method="post" '
                         r'action="(?P<action>[^"]+)" data-kind="(?P<kind>\w+)">(?P<body>.*?)</form>',
                         re.S)


def pdf_pages(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "a2.pdf"
    path.write_bytes(data)
    count = len(PdfReader(io.BytesIO(data)).pages)
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


@pytest.fixture
def annex1_call(region):
    """附件1 lists 呼伦贝尔 (150700) before 赤峰 (150400) — not the code order — and the direct
    unit, entered first here, still comes after the 盟市."""
    direct = RecommenderFactory(parent=region, kind=OrgKind.DIRECT, short_name="区交通运输厅",
                                name="内蒙古自治区交通运输厅", division_code="")
    hulunbuir = RecommenderFactory(parent=region, short_name="呼伦贝尔市", division_code="150700",
                                   name="呼伦贝尔市人力资源和社会保障局")
    chifeng = RecommenderFactory(parent=region, short_name="赤峰市", division_code="150400",
                                 name="赤峰市人力资源和社会保障局")
    call = CallFactory(issuer=region)
    for rec in (direct, hulunbuir, chifeng):
        call.recommenders.add(rec)
    for rec in (hulunbuir, chifeng, direct):  # the quota table, top to bottom
        for kind in ProjectKind.values:
            QuotaFactory(call=call, recommender=rec, kind=kind, amount=1)
    return call, [hulunbuir, chifeng, direct]


def test_all_region_workbook_sheets_follow_annex1_then_the_direct_units(annex1_call):
    call, in_order = annex1_call
    data, name = summary_file(call, None, ProjectKind.BASE, "xlsx")
    wb = load_workbook(io.BytesIO(data))
    assert name == "附件2-1 全区汇总.xlsx"
    assert wb.sheetnames == ["汇总", *[rec.name for rec in in_order]]
    for rec, ws in zip(in_order, wb.worksheets[1:], strict=True):
        assert ws["A3"].value == f"推荐单位：{rec.name}"


def note_cells(wb):
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if str(c.value or "").startswith("填表说明")]


@pytest.mark.parametrize("kind", ProjectKind.values)
@pytest.mark.usefixtures("ranked")
def test_the_note_cell_is_in_the_sheets_song_typeface(call, recommender_x, kind):
    for recommender in (recommender_x, None):
        wb = load_workbook(io.BytesIO(summary_file(call, recommender, kind, "xlsx")[0]))
        notes = note_cells(wb)
        assert len(notes) == len(wb.worksheets)
        body = wb.worksheets[0].cell(row=5, column=2).font.name  # a row of the sheet
        assert {c.font.name for c in notes} == {"宋体"} == {body}


@pytest.mark.usefixtures("ranked")
def test_the_sequence_number_is_centred_in_the_pdf(call, recommender_x, tmp_path):
    data, _name = summary_file(call, recommender_x, ProjectKind.BASE, "pdf")
    path = tmp_path / "a2.pdf"
    path.write_bytes(data)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = [(float(a), float(c), unescape(t)) for a, _b, c, _d, t in WORD.findall(html)]
    head = next(w for w in words if w[2] == "序号")
    centre = (head[0] + head[1]) / 2
    for number in ("1", "2"):
        cell = next(w for w in words if w[2] == number and w[0] < head[1] + 20)
        assert abs((cell[0] + cell[1]) / 2 - centre) < 1.5, (number, cell, head)


def test_region_pdf_has_one_section_per_recommender_in_annex1_order(annex1_call, tmp_path):
    call, in_order = annex1_call
    data, name = summary_file(call, None, ProjectKind.STUDIO, "pdf")
    assert name == "附件2-2 全区汇总.pdf"
    pages = pdf_pages(data, tmp_path)
    assert len(pages) == len(in_order)  # no rows: one page each, a page break between
    for rec, text in zip(in_order, pages, strict=True):
        assert text.lstrip().startswith("附件2-2")
        assert f"推荐单位：{rec.name}" in text and "填表说明" in text
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta.title.startswith("附件2-2 ") and "全区汇总" in meta.title
    assert meta.author == call.issuer.name and call.doc_number in meta.subject


@pytest.mark.usefixtures("ranked")
def test_one_recommenders_pdf_carries_its_metadata(call, recommender_x):
    data, _name = summary_file(call, recommender_x, ProjectKind.BASE, "pdf")
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta.author == recommender_x.name and "附件2-1" in meta.title


def test_a_region_pdf_is_a_render_job_like_the_workbook(call, rita):
    job = request_summary(call=call, recommender=None, kind=ProjectKind.BASE, fmt="pdf", by=rita)
    assert (job.kind, job.recommender, job.download_name) == (RenderKind.SUMMARY_PDF, None,
                                                              "附件2-1 全区汇总.pdf")


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
@pytest.mark.usefixtures("ranked", "celery_eager")
def test_the_region_page_has_both_buttons_per_kind_and_they_start_the_job(
        call, recommender_x, rita, client,
        django_capture_on_commit_callbacks, fmt):
    client.force_login(rita)
    html = client.get(reverse("quotas:region", args=[call.pk])).content.decode()
    forms = {m["kind"]: m for m in REGION_FORM.finditer(html)}
    assert set(forms) == set(call.kinds)
    for m in forms.values():
        assert "导出全区汇总表（Excel）" in m["body"] and "导出全区汇总表（PDF）" in m["body"]
        assert 'name="recommender"' not in m["body"]
    form = forms[ProjectKind.BASE]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form["body"]))
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(unescape(form["action"]), {**fields, "fmt": fmt})
    job = RenderJob.objects.get(recommender=None)
    assert (r.status_code, r["Location"]) == (302, reverse("documents:job", args=[job.pk]))
    page = client.get(r["Location"]).content.decode()
    link = re.search(r'id="job-download" href="([^"]+)"', page)
    data = b"".join(client.get(unescape(link[1])).streaming_content)
    assert data[:2] == (b"PK" if fmt == "xlsx" else b"%P")
