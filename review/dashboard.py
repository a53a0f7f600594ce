"""Read-side aggregates for the receipt dashboard, the call overview and the statistics page.
Each function runs a fixed number of queries whatever the number of recommenders."""

from collections import Counter, defaultdict

from django.core.cache import cache
from django.db.models import Count, FilteredRelation, Q
from django.utils.html import format_html_join
from django.utils.timezone import localtime

from calls.choices import Category, ProjectKind, Tier
from catalog.selectors import major_names
from declare.models import Application, ApplicationStatus, Speciality
from declare.projection import budget_totals, training_totals
from quotas.models import PackageStatus

from . import stats_cache
from .models import Assignment, PackageReceipt, Panel, ReceiptStatus, SheetStatus

DOT = '<circle cx="{}" cy="6" r="1.6" class="rv-dot"></circle>'
RECEIVED = (ApplicationStatus.FORWARDED, ApplicationStatus.ACCEPTED,
            ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)


def receipt_rows(call) -> list[dict]:
    """One dict per recommender of the call, in three queries whatever their number (issue 20
    §4): the recommenders with their package, contact and quotas (joins filtered on the call),
    the forwarded and admitted counts, and the latest receipt of each. Plain values, with the
    labels the page shows already worked out: no model instances, no per-row template filter."""
    kinds = call.kinds
    counts = _received_counts(call)
    receipts = _latest_receipts(call)
    rows = []
    for rec in _recommenders(call, kinds):
        row_kinds = []
        for kind in kinds:
            quota, (forwarded, admitted) = rec[f"quota_{kind}__amount"] or 0, counts[
                (rec["pk"], kind)]
            row_kinds.append({"kind": ProjectKind(kind).label, "quota": quota,
                              "forwarded": forwarded, "admitted": admitted,
                              "over": max(0, forwarded + admitted - quota)})
        rows.append({"pk": rec["pk"], "label": rec["short_name"] or rec["name"],
                     "kinds": row_kinds, "span": len(row_kinds),
                     "package": _package(rec), "receipt": receipts.get(rec["pk"]),
                     "contact": _contact(rec),
                     "pending": sum(k["forwarded"] for k in row_kinds)})
    return rows


def _recommenders(call, kinds):
    quotas = {f"quota_{k}": FilteredRelation("quotas", condition=Q(quotas__call=call,
                                                                   quotas__kind=k))
              for k in kinds}
    return (call.recommenders.order_by("kind", "division_code", "name")
            .annotate(package=FilteredRelation("packages", condition=Q(packages__call=call)),
                      contact=FilteredRelation("contacts", condition=Q(contacts__call=call)),
                      **quotas)
            .values("pk", "name", "short_name", "package__status", "package__submitted_at",
                    "contact__name", "contact__phone", *(f"{q}__amount" for q in quotas)))


def _package(rec) -> dict | None:
    status = rec["package__status"]
    if status is None:
        return None
    submitted = rec["package__submitted_at"]
    return {"submitted": status == PackageStatus.SUBMITTED, "label": PackageStatus(status).label,
            "submitted_at": localtime(submitted).strftime("%Y-%m-%d %H:%M") if submitted else ""}


def _contact(rec) -> dict | None:
    if rec["contact__name"] is None:
        return None
    return {"name": rec["contact__name"], "phone": rec["contact__phone"]}


def _received_counts(call) -> defaultdict:
    """(recommender, kind) → (forwarded, admitted). Filtered on the four statuses at the region
    (an admitted application is accepted, approved or rejected), not on "forwarded or admitted":
    that OR across the outer join was only tested after joining every application of the call
    to its unit (a hash join over a Seq Scan on orgs_organisation); the status filter leaves
    the applications at the region, each joined by primary key (docs/scaling-receipt.md)."""
    counts = defaultdict(lambda: (0, 0))
    for rec, kind, forwarded, admitted in (
            Application.objects.filter(call=call, status__in=RECEIVED)
            .order_by().values_list("unit__parent", "kind")
            .annotate(f=Count("id", filter=Q(status=ApplicationStatus.FORWARDED)),
                      a=Count("admission"))):
        counts[(rec, kind)] = (forwarded, admitted)
    return counts


def _latest_receipts(call) -> dict:
    """recommender → its latest receipt: in decision order, a later one replaces the earlier
    (not DISTINCT ON, which is PostgreSQL only; `make run` is SQLite)."""
    return {r["recommender_id"]: {**r, "accepted": r["status"] == ReceiptStatus.ACCEPTED,
                                  "label": ReceiptStatus(r["status"]).label}
            for r in PackageReceipt.objects.filter(call=call).order_by("decided_at", "id")
            .values("recommender_id", "status", "refused_count", "reasons")}


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
