"""备案 package contents (105号 四(四)): final list, each project's form with 表5, the review
results, a manifest of SHA-256 checksums, all in one zip."""

import hashlib
import io
import json
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from calls.choices import ProjectKind
from documents.producers import form_pdf, form_title
from verify.models import DocumentKind
from verify.services import issue

from ..exports import as_number
from ..models import PanelResult
from ..opinions import table5_for
from .notice import selected_items

LIST_COLUMNS = ("序号", "项目类型", "项目申报单位", "推荐单位", "项目类别", "申报职业（工种）及代码",
                "评分排名", "去极值平均分", "申报编号")


def final_list_xlsx(call, items, scores: dict[int, str]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "推荐备案名单"
    ws.append([f"{call.year}年度{call.get_level_display()}高技能人才培训基地和技能大师工作室建设项目推荐备案名单"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(LIST_COLUMNS))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(list(LIST_COLUMNS))
    for n, item in enumerate(items, start=1):
        app = item.application
        occupations = "；".join(f"{s.occupation.name}（{s.occupation.code}）"
                               for s in app.specialities.all())
        ws.append([n, ProjectKind(app.kind).label, app.unit.name,
                   app.unit.parent.name if app.unit.parent_id else "", app.category_label,
                   occupations, item.score_rank, as_number(scores.get(app.id)), app.reference])
    for col, width in zip("ABCDEFGHI", (6, 22, 36, 24, 24, 36, 10, 14, 16), strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def project_pdf(application) -> bytes:
    """附件3/附件4 with 表5 filled by the review (experts' mobiles in full: the filed copy),
    its pages carrying the verification code (verify.services.issue)."""
    pdf = form_pdf(application, table5=table5_for(application, reveal_mobile=True))
    return issue(pdf, kind=DocumentKind.FILING_FORM, title=f"{form_title(application)}（备案）",
                 application=application)


def build_archive(call, on_progress=None) -> tuple[bytes, list[dict]]:
    """The zip and its manifest; `on_progress(done, total)` after each project's PDF (the
    renders are what takes the time: seconds each)."""
    items = list(selected_items(call).prefetch_related("application__specialities__occupation"))
    scores = {}
    results = {}
    for result in PanelResult.objects.filter(panel__call=call).select_related("panel"):
        results[result.panel.kind] = {
            "rubric_version": result.rubric_version, "method": result.method,
            "rounding": result.rounding, "tie_rule": result.tie_rule,
            "raw_sha256": result.raw_sha256, "rows": result.rows}
        scores.update({r["application_id"]: r["trimmed_mean"] for r in result.rows})
    files = [("推荐备案名单.xlsx", final_list_xlsx(call, items, scores)),
             ("复审评分结果.json", json.dumps(results, ensure_ascii=False, indent=2).encode())]
    for n, item in enumerate(items, start=1):
        app = item.application
        files.append((f"申报表/{n:02d}_{app.reference}_{app.unit.name}.pdf", project_pdf(app)))
        if on_progress is not None:
            on_progress(n, len(items))
    manifest = [{"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                for name, data in files]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            zf.writestr(name, data)
        zf.writestr("manifest.json", json.dumps({"call": call.doc_number, "files": manifest},
                                                ensure_ascii=False, indent=2))
    return buffer.getvalue(), manifest
