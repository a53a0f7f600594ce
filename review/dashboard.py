"""Read-side aggregates for the receipt dashboard, the call overview and the statistics page.
Each function runs a fixed number of queries whatever the number of recommenders."""

from collections import Counter, defaultdict

from django.core.cache import cache
from django.utils.html import format_html_join
from django.utils.timezone import localtime

from calls.choices import Category, ProjectKind, Tier
from catalog.selectors import major_names
from declare.models import Application, ApplicationStatus, Speciality
from declare.projection import budget_totals, training_totals
from quotas.models import PackageStatus

from . import stats_cache
from .models import Assignment, Panel, ReceiptStatus, SheetStatus
from .receipt_sql import recommender_figures

DOT = '<circle cx="{}" cy="6" r="1.6" class="rv-dot"></circle>'
RECEIVED = (ApplicationStatus.FORWARDED, ApplicationStatus.ACCEPTED,
            ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)


def receipt_rows(call) -> list[dict]:
    """One dict per recommender of the call, from one statement whatever their number (issue
    20 §4, review.receipt_sql): its package, contact, the quota, forwarded and admitted count
    of each kind, and its latest receipt. Plain values, with the labels the page shows already
    worked out: no model instances, no per-row template filter."""
    kind_labels = [ProjectKind(k).label for k in call.kinds]
    rows = []
    for rec in recommender_figures(call, RECEIVED):
        pk, name, short_name, pkg_status, submitted, contact, phone = rec[:7]
        row_kinds = []
        for i, label in enumerate(kind_labels):
            quota, forwarded, admitted = rec[10 + 3 * i:13 + 3 * i]
            quota, forwarded, admitted = quota or 0, forwarded or 0, admitted or 0
            row_kinds.append({"kind": label, "quota": quota, "forwarded": forwarded,
                              "admitted": admitted,
                              "over": max(0, forwarded + admitted - quota)})
        rows.append({"pk": pk, "label": short_name or name, "kinds": row_kinds,
                     "span": len(row_kinds), "package": _package(pkg_status, submitted),
                     "receipt": _receipt(*rec[7:10]),
                     "contact": None if contact is None else {"name": contact, "phone": phone},
                     "pending": sum(k["forwarded"] for k in row_kinds)})
    return rows


def _package(status, submitted) -> dict | None:
    if status is None:
        return None
    return {"submitted": status == PackageStatus.SUBMITTED, "label": PackageStatus(status).label,
            "submitted_at": localtime(submitted).strftime("%Y-%m-%d %H:%M") if submitted else ""}


def _receipt(status, refused_count, reasons) -> dict | None:
    if status is None:
        return None
    return {"status": status, "refused_count": refused_count, "reasons": reasons,
            "accepted": status == ReceiptStatus.ACCEPTED, "label": ReceiptStatus(status).label}


def _bars(counter: Counter, labels: dict | None = None) -> list[dict]:
    top = max(counter.values(), default=0)
    return [{"label": (labels or {}).get(k, k), "n": n, "pct": round(100 * n / top) if top else 0}
            for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))]


STATS_TTL = 600


def statistics(call) -> dict:
    """The statistics page's figures, cached under the call's token (review.stats_cache: it
    changes whenever an application, score sheet or panel of the call is saved); at most
    STATS_TTL old for anything else (an organisation renamed). One cache lookup instead of
    reading 1 000 applications and 3 000 score sheets on every view (make bench)."""
    return cache.get_or_set(f"review:stats:{call.pk}:{stats_cache.token(call.pk)}",
                            lambda: _statistics(call), STATS_TTL)


def _statistics(call) -> dict:
    # values_list, not model instances: a region-year is 1 000+ applications (make bench).
    apps = list(Application.objects.filter(call=call, status__in=RECEIVED).values_list(
        "id", "unit__parent_id", "unit__parent__short_name", "unit__parent__name", "kind",
        "category", "tier"))
    first_code = {}
    for app_id, code in (Speciality.objects.filter(application__call=call,
                                                   application__status__in=RECEIVED)
                         .order_by("application", "position")
                         .values_list("application_id", "occupation__code")):
        first_code.setdefault(app_id, code)
    majors = major_names()
    by = defaultdict(Counter)
    for app_id, parent_id, short_name, name, kind, category, tier in apps:
        by["recommender"][(short_name or name) if parent_id else "—"] += 1
        by["kind"][ProjectKind(kind).label] += 1
        by["category"][Category(category).label] += 1
        if tier:
            by["tier"][Tier(tier).label] += 1
        if app_id in first_code:
            code = first_code[app_id].split("-")[0]
            by["major"][f"第{code}大类 {majors.get(code, '')}".strip()] += 1
    return {"total": len(apps), "charts": [
        ("按推荐单位", _bars(by["recommender"])), ("按项目类型", _bars(by["kind"])),
        ("按项目类别", _bars(by["category"])), ("按档次（培训基地）", _bars(by["tier"])),
        ("按职业大类", _bars(by["major"]))], "experts": expert_distributions(call),
        **summed_figures(call)}


def summed_figures(call) -> dict:
    """The received applications' 表4-2 amounts and training figures added up in SQL
    (declare.projection): one query for the budgets, two for the training figures."""
    received = Application.objects.filter(call=call, status__in=RECEIVED)
    return {"budget": budget_totals(received, call.level), "training": training_totals(received)}


def expert_distributions(call) -> list[dict]:
    """Each expert's submitted totals, for a strip chart on a 0–100 % scale of the rubric.
    `dots` is the chart's markup, built here: a region-year has 3 000 score sheets."""
    tops = {p.pk: p.rubric.max_total() if p.rubric_id else None
            for p in Panel.objects.filter(call=call).select_related("rubric")
            .prefetch_related("rubric__criteria")}
    rows = defaultdict(list)
    names = {}
    for expert_id, name, panel_id, total in (
            Assignment.objects.filter(panel__call=call, sheet__status=SheetStatus.SUBMITTED)
            .values_list("expert_id", "expert__name", "panel_id", "sheet__total")):
        top = tops.get(panel_id)
        if top:
            rows[expert_id].append(float(total / top * 100))
        names[expert_id] = name
    out = []
    for expert_id, values in sorted(rows.items(), key=lambda kv: names[kv[0]]):
        mean = sum(values) / len(values)
        points = [round(v, 1) for v in sorted(values)]
        out.append({"name": names[expert_id], "n": len(values), "mean": round(mean, 1),
                    "points": points, "min": round(min(values), 1), "max": round(max(values), 1),
                    "dots": format_html_join("", DOT, ((p,) for p in points))})
    return out
