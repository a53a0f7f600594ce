"""Reading the scores of a panel into results: rankings, consistency, the raw-score hash."""

from decimal import Decimal

from .aggregation import (
    METHOD,
    ROUNDING,
    TIE_RULE,
    concordance,
    defence_rule,
    defence_weight,
    disagreement,
    final_ranking,
    leniency,
    rank,
    raw_scores_sha256,
    summarise,
)
from .models import Assignment, Attendance, DefenceSlot, Score, SheetStatus


def _submitted(panel):
    return (Assignment.objects.filter(panel=panel, sheet__status=SheetStatus.SUBMITTED)
            .select_related("application__unit__parent", "expert", "sheet"))


def raw_scores(panel) -> list[dict]:
    scores = (Score.objects.filter(sheet__assignment__panel=panel,
                                   sheet__status=SheetStatus.SUBMITTED)
              .values_list("sheet__assignment__application__reference",
                           "sheet__assignment__expert_id", "criterion__position", "points"))
    return [{"application": ref, "expert": e, "criterion": pos, "points": p}
            for ref, e, pos, p in scores]


def totals_matrix(assignments) -> dict[tuple[int, int], Decimal]:
    return {(a.expert_id, a.application_id): a.sheet.total for a in assignments}


def compute(panel) -> dict:
    """The full result as plain JSON-able data; the same inputs always give the same output."""
    assignments = list(_submitted(panel))
    by_app: dict[int, list] = {}
    for a in assignments:
        by_app.setdefault(a.application_id, []).append(a)
    summaries = []
    for app_id, rows in by_app.items():
        app = rows[0].application
        s = summarise(app_id, app.reference, [r.sheet.total for r in rows], panel.spread_flag)
        s.extra = {"unit": app.unit.name, "recommender": app.unit.parent.label
                   if app.unit.parent_id else "", "category": app.category_label}
        summaries.append(s)
    matrix = totals_matrix(assignments)
    names = {a.expert_id: a.expert.name for a in assignments}
    w, basis = concordance(matrix)
    return {
        "rubric_version": panel.rubric.version if panel.rubric_id else 0,
        "method": METHOD, "rounding": ROUNDING, "tie_rule": TIE_RULE,
        "raw_sha256": raw_scores_sha256(raw_scores(panel)),
        "rows": [s.as_json() for s in rank(summaries)],
        "consistency": {
            "kendalls_w": w, "kendalls_w_basis": basis,
            "leniency": [{"expert_id": e, "name": names[e], "z": z}
                         for e, z in leniency(matrix).items()],
        },
    }


def progress(panel) -> dict:
    """Submitted / total sheets, per expert (counts only: scores stay hidden while scoring)."""
    per_expert: dict[int, dict] = {}
    for a in (Assignment.objects.filter(panel=panel).select_related("expert", "sheet")
              .order_by("expert__name", "expert_id")):
        row = per_expert.setdefault(a.expert_id, {"expert": a.expert, "assigned": 0, "done": 0})
        row["assigned"] += 1
        sheet = getattr(a, "sheet", None)
        row["done"] += int(sheet is not None and sheet.status == SheetStatus.SUBMITTED)
    rows = list(per_expert.values())
    return {"rows": rows, "assigned": sum(r["assigned"] for r in rows),
            "done": sum(r["done"] for r in rows)}


def weight_of(call) -> Decimal:
    """答辩成绩权重 w of the call (threshold defence_weight; 0 = the defence is not scored)."""
    return defence_weight(call.threshold("defence_weight"))


def ranked_rows(panel) -> list[dict]:
    """The frozen result's rows in the order the decision follows: each with its 网络答辩 slot,
    答辩成绩 and final score (aggregation.final_ranking, by the call's weight)."""
    rows = panel.result.rows
    slots = {s.application_id: s for s in DefenceSlot.objects.filter(
        application_id__in=[r["application_id"] for r in rows])}
    defence = {a: Decimal("0") if s.attendance == Attendance.ABSENT else s.score
               for a, s in slots.items()}
    return [{**r, "defence": slots.get(r["application_id"])}
            for r in final_ranking(rows, defence, weight_of(panel.call))]


def ranking_rule(call) -> str:
    return defence_rule(weight_of(call))
def live_projects(panel) -> list[dict]:
    """The chair's view while scoring is open: per project, every assigned expert's sheet
    (total and 评审意见 once submitted), the median, the spread and the flags of
    aggregation.disagreement."""
    rows: dict[int, dict] = {}
    for a in (Assignment.objects.filter(panel=panel)
              .select_related("application__unit", "expert", "sheet")
              .order_by("application__reference", "expert__name", "expert_id")):
        row = rows.setdefault(a.application_id, {"app": a.application, "sheets": []})
        sheet = getattr(a, "sheet", None)
        submitted = sheet is not None and sheet.status == SheetStatus.SUBMITTED
        row["sheets"].append({"assignment": a, "expert": a.expert, "sheet": sheet,
                              "submitted": submitted,
                              "total": sheet.total if submitted else None,
                              "comment": sheet.comment if submitted else ""})
    for row in rows.values():
        totals = {s["expert"].id: s["total"] for s in row["sheets"] if s["submitted"]}
        d = disagreement(totals, panel.spread_flag)
        row.update(median=d.median, spread=d.spread, divided=d.divided,
                   flagged=d.divided or bool(d.outliers))
        for s in row["sheets"]:
            s["outlier"] = s["expert"].id in d.outliers
    return list(rows.values())
