"""Read-side aggregates for the receipt dashboard, the call overview and the statistics page.
Each function runs a fixed number of queries whatever the number of recommenders."""

from collections import Counter, defaultdict

from django.db.models import Count

from calls.choices import Category, ProjectKind, Tier
from catalog.models import Occupation
from declare.models import Application, ApplicationStatus
from quotas.models import Quota

from .integration import _optional
from .models import Admission, Assignment, PackageReceipt, SheetStatus

RECEIVED = (ApplicationStatus.FORWARDED, ApplicationStatus.ACCEPTED,
            ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)


def _by_recommender(model, call):
    if model is None:
        return {}
    return {o.recommender_id: o for o in model.objects.filter(call=call)}


def receipt_rows(call) -> list[dict]:
    recommenders = list(call.recommenders.order_by("kind", "division_code", "name"))
    quotas = {(q.recommender_id, q.kind): q.amount for q in Quota.objects.filter(call=call)}
    forwarded = Counter()
    for rec, kind, n in (Application.objects
                         .filter(call=call, status=ApplicationStatus.FORWARDED)
                         .values_list("unit__parent", "kind").annotate(n=Count("id"))):
        forwarded[(rec, kind)] = n
    admitted = Counter()
    for rec, kind, n in (Admission.objects.filter(application__call=call)
                         .values_list("application__unit__parent", "application__kind")
                         .annotate(n=Count("id"))):
        admitted[(rec, kind)] = n
    latest = {}
    for r in PackageReceipt.objects.filter(call=call).order_by("decided_at", "id"):
        latest[r.recommender_id] = r
    packages = _by_recommender(_optional("quotas.models", "RecommendationPackage"), call)
    contacts = _by_recommender(_optional("quotas.models", "ContactPerson"), call)
    rows = []
    for rec in recommenders:
        kinds = []
        for kind in call.kinds:
            q, f, a = quotas.get((rec.id, kind), 0), forwarded[(rec.id, kind)], \
                admitted[(rec.id, kind)]
            kinds.append({"kind": ProjectKind(kind).label, "quota": q, "forwarded": f,
                          "admitted": a, "over": max(0, f + a - q)})
        package = packages.get(rec.id)
        rows.append({"recommender": rec, "kinds": kinds, "receipt": latest.get(rec.id),
                     "package": package, "contact": contacts.get(rec.id),
                     "pending": sum(k["forwarded"] for k in kinds)})
    return rows


def _bars(counter: Counter, labels: dict | None = None) -> list[dict]:
    top = max(counter.values(), default=0)
    return [{"label": (labels or {}).get(k, k), "n": n, "pct": round(100 * n / top) if top else 0}
            for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))]


def statistics(call) -> dict:
    apps = list(Application.objects.filter(call=call, status__in=RECEIVED)
                .select_related("unit__parent").prefetch_related("specialities__occupation"))
    majors = {code.split("-")[0]: name for code, name in Occupation.objects.filter(
        level=Occupation.Level.MAJOR).values_list("code", "name")}
    by = defaultdict(Counter)
    for app in apps:
        by["recommender"][app.unit.parent.label if app.unit.parent_id else "—"] += 1
        by["kind"][ProjectKind(app.kind).label] += 1
        by["category"][Category(app.category).label] += 1
        if app.tier:
            by["tier"][Tier(app.tier).label] += 1
        first = next(iter(app.specialities.all()), None)
        if first is not None:
            code = first.occupation.code.split("-")[0]
            by["major"][f"第{code}大类 {majors.get(code, '')}".strip()] += 1
    return {"total": len(apps), "charts": [
        ("按推荐单位", _bars(by["recommender"])), ("按项目类型", _bars(by["kind"])),
        ("按项目类别", _bars(by["category"])), ("按档次（培训基地）", _bars(by["tier"])),
        ("按职业大类", _bars(by["major"]))], "experts": expert_distributions(call)}


def expert_distributions(call) -> list[dict]:
    """Each expert's submitted totals, for a strip chart on a 0–100 % scale of the rubric."""
    rows = defaultdict(list)
    names, tops = {}, {}
    for a in (Assignment.objects.filter(panel__call=call, sheet__status=SheetStatus.SUBMITTED)
              .select_related("expert", "sheet", "panel__rubric")):
        if a.panel_id not in tops:
            tops[a.panel_id] = a.panel.rubric.max_total() if a.panel.rubric_id else None
        top = tops[a.panel_id]
        if top:
            rows[a.expert_id].append(float(a.sheet.total / top * 100))
        names[a.expert_id] = a.expert.name
    out = []
    for expert_id, values in sorted(rows.items(), key=lambda kv: names[kv[0]]):
        mean = sum(values) / len(values)
        out.append({"name": names[expert_id], "n": len(values), "mean": round(mean, 1),
                    "points": [round(v, 1) for v in sorted(values)],
                    "min": round(min(values), 1), "max": round(max(values), 1)})
    return out
