"""The review's Excel exports for the issuer's reviewers and administrators (issue 18 §9): every
expert's scores and 评审意见 per project, the recommenders' 联系人, the 公示's objections and the
网络答辩 records. Numbers are written as numbers (a score is a cell Excel can sum, never text):
`as_number` is the one conversion, used by every workbook that carries a score
(review/services/filing_archive.py too). Who may export: review/rules.py (`can_export`); each
export is logged by the view (audit.services.log_event, AuditAction.EXPORT)."""

import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.pii import decrypt
from quotas.models import ContactPerson

from .models import (
    Assignment,
    DefenceSlot,
    Objection,
    Panel,
    PanelResult,
    Score,
)
from .results import compute


def as_number(value) -> Decimal | None:
    """A score as Excel should hold it: Decimal('86.50') for '86.50' or 86.5; None (an empty
    cell) for nothing. The stored results keep scores as strings (JSON); a workbook never
    does."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _when(value) -> str:
    if value is None:
        return ""
    t = timezone.localtime(value)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


def _date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def _sheet(wb, title: str, heads: list[str], rows: list[list], widths=None):
    ws = wb.create_sheet(title[:31])
    ws.append(heads)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        ws.append(row)
    for n, width in enumerate(widths or [], start=1):
        ws.column_dimensions[ws.cell(row=1, column=n).column_letter].width = width
    ws.freeze_panes = "A2"
    return ws


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def _unit(app) -> tuple[str, str]:
    return app.unit.name, (app.unit.parent.label if app.unit.parent_id else "")


# ------------------------------------------------------------------ scores ------------------

def _panel_summaries(panel) -> list[dict]:
    """The panel's per-project figures: the frozen result when closed, else computed now (the
    same review.results.compute that freezes it)."""
    result = PanelResult.objects.filter(panel=panel).first()
    return result.rows if result is not None else compute(panel)["rows"]


def scores_xlsx(call) -> bytes:
    """One sheet per panel: a row per expert per project with each criterion's points, the
    total and the expert's 评审意见; then a sheet of each project's mean, 去极值平均分, spread and
    rank."""
    wb = _workbook()
    panels = list(Panel.objects.filter(call=call).select_related("rubric")
                  .prefetch_related("rubric__criteria").order_by("kind", "pk"))
    summary_rows = []
    for panel in panels:
        criteria = list(panel.rubric.criteria.all()) if panel.rubric_id else []
        points = {(sheet, crit): p for sheet, crit, p in Score.objects.filter(
            sheet__assignment__panel=panel).values_list("sheet_id", "criterion_id", "points")}
        rows = []
        for a in (Assignment.objects.filter(panel=panel)
                  .select_related("application__unit__parent", "expert", "sheet")
                  .order_by("application__reference", "expert__name")):
            sheet = getattr(a, "sheet", None)
            unit, recommender = _unit(a.application)
            rows.append([a.application.reference, unit, recommender, a.expert.name,
                         *[points.get((sheet.pk, c.pk)) if sheet else None for c in criteria],
                         sheet.total if sheet else None,
                         sheet.get_status_display() if sheet else "未评分",
                         sheet.comment if sheet else ""])
        _sheet(wb, panel.name, ["申报编号", "项目申报单位", "推荐单位", "评审专家",
                                *[f"{c.name}（{c.max_points.normalize():f}分）" for c in criteria],
                                "总分", "评分表状态", "评审意见"], rows,
               [16, 30, 20, 10, *[10] * len(criteria), 8, 10, 50])
        for r in _panel_summaries(panel):
            summary_rows.append([panel.name, r.get("rank"), r["reference"], r.get("unit", ""),
                                 r.get("recommender", ""), len(r.get("totals", [])),
                                 as_number(r["mean"]), as_number(r["trimmed_mean"]),
                                 as_number(r["spread"]), "是" if r.get("disagreement") else ""])
    _sheet(wb, "项目汇总", ["专家组", "排名", "申报编号", "项目申报单位", "推荐单位", "评分专家数",
                            "算术平均分", "去极值平均分", "极差", "分歧提示"], summary_rows,
           [20, 6, 16, 30, 20, 10, 10, 12, 8, 8])
    return _save(wb)


# ------------------------------------------------------------------ contacts ----------------

def contacts_xlsx(call) -> bytes:
    """Every recommender of the call and its 联系人 (手机 in full: the export is logged)."""
    contacts = {c.recommender_id: c for c in ContactPerson.objects.filter(call=call)}
    rows = []
    for rec in call.recommenders.order_by("kind", "division_code", "name"):
        c = contacts.get(rec.pk)
        rows.append([rec.label, c.name if c else "未登记", c.post if c else "",
                     c.phone if c else "", c.mobile if c else "",
                     _when(c.registered_at) if c else "", _when(c.updated_at) if c else ""])
    wb = _workbook()
    _sheet(wb, "推荐单位联系人", ["推荐单位", "联系人", "部门及职务", "联系电话", "手机",
                                  "首次登记时间", "最后修改时间"], rows,
           [28, 10, 24, 16, 14, 20, 20])
    return _save(wb)


# ------------------------------------------------------------------ objections --------------

def objections_xlsx(call) -> bytes:
    rows = []
    for o in (Objection.objects.filter(notice__call=call)
              .select_related("application__unit").order_by("received_on", "pk")):
        rows.append([_date(o.received_on), o.name, decrypt(o.contact_encrypted),
                     o.application.reference if o.application_id else "",
                     o.application.unit.name if o.application_id else "",
                     o.content, o.get_status_display(), o.get_outcome_display() if o.outcome
                     else "", o.handling, _when(o.resolved_at)])
    wb = _workbook()
    _sheet(wb, "公示异议", ["收到日期", "异议人姓名", "联系方式", "涉及项目", "项目申报单位",
                            "异议内容", "状态", "处理结论", "处理情况", "办结时间"], rows,
           [14, 10, 16, 16, 28, 40, 8, 10, 40, 20])
    return _save(wb)


# ------------------------------------------------------------------ defence -----------------

def defence_xlsx(call) -> bytes:
    rows = []
    for s in (DefenceSlot.objects.filter(panel__call=call)
              .select_related("panel", "application__unit__parent")
              .order_by("starts_at", "pk")):
        unit, recommender = _unit(s.application)
        rows.append([s.panel.name, s.application.reference, unit, recommender,
                     _when(s.starts_at), _when(s.ends_at), s.place, s.get_attendance_display(),
                     s.attendees, s.notes])
    wb = _workbook()
    _sheet(wb, "网络答辩记录", ["专家组", "申报编号", "项目申报单位", "推荐单位", "开始时间",
                                "结束时间", "会议链接或地点", "出席情况", "答辩人员", "答辩记录"],
           rows, [20, 16, 30, 20, 18, 18, 30, 8, 24, 50])
    return _save(wb)


@dataclass(frozen=True)
class Export:
    key: str
    label: str
    build: object
    personal: bool   # holds personal data in full (a fresh second factor is asked first)


EXPORTS = {e.key: e for e in (
    Export("scores", "专家评分及评审意见", scores_xlsx, False),
    Export("contacts", "推荐单位联系人", contacts_xlsx, True),
    Export("objections", "公示异议", objections_xlsx, True),
    Export("defence", "网络答辩记录", defence_xlsx, False),
)}


def filename(call, export: Export) -> str:
    return f"{call.year}年度{export.label}.xlsx"
