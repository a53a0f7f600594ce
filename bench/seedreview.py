"""Synthetic recommendation packages and provincial review for one block (seed_bench).

Each recommender recommends its quota of each kind (rank 1..quota) and has submitted its
package; the region has received every package (受理), so those applications are admitted and
scored by a panel per kind of `Sizes.panel` experts (47 of 50: an odd number, 105号 附件3 表5),
which gives 64 × 47 ≈ 3 000 score sheets per block. Three sheets in five are submitted with a
score for every criterion; the others are drafts.
"""

from decimal import Decimal

from calls.choices import ProjectKind
from core.pii import encrypt
from quotas.models import PackageStatus, Recommendation, RecommendationPackage
from review.models import (
    Admission,
    Assignment,
    Criterion,
    Expert,
    PackageReceipt,
    Panel,
    PanelMember,
    PanelStatus,
    ReceiptStatus,
    Rubric,
    Score,
    ScoreSheet,
    SheetStatus,
)
from review.services.rubrics import DEFAULT_CRITERIA

from .seedcopy import copy_dicts, copy_rows
from .seedforms import mobile, person

BATCH = 1000


def seed(block, n, ctx, call, region, recs, apps, users) -> dict:
    now = ctx["now"]
    packages = RecommendationPackage.objects.bulk_create([
        RecommendationPackage(call=call, recommender=r, status=PackageStatus.SUBMITTED,
                              submitted_at=now, submitted_by=users["rec"][i])
        for i, r in enumerate(recs)], update_conflicts=True, unique_fields=["call", "recommender"],
        update_fields=["status", "submitted_at", "submitted_by"])
    package_of = {p.recommender_id: p for p in packages}
    rec_user = {r.pk: users["rec"][i] for i, r in enumerate(recs)}
    ranks: dict[tuple, int] = {}
    recommendations = []
    for app in apps["chosen"]:
        rec_id = app.unit.parent_id
        rank = ranks[(rec_id, app.kind)] = ranks.get((rec_id, app.kind), 0) + 1
        recommendations.append(Recommendation(
            package=package_of[rec_id], application=app, kind=app.kind, rank=rank,
            quota=n.quota, recommended_by=rec_user[rec_id]))
    Recommendation.objects.bulk_create(recommendations, batch_size=BATCH)
    receipts = PackageReceipt.objects.bulk_create([
        PackageReceipt(call=call, recommender=r, status=ReceiptStatus.ACCEPTED,
                       accepted_count=sum(1 for a in apps["chosen"] if a.unit.parent_id == r.pk),
                       decided_by=users["reviewer"][0]) for r in recs])
    receipt_of = {r.recommender_id: r for r in receipts}
    Admission.objects.bulk_create([Admission(application=a, receipt=receipt_of[a.unit.parent_id])
                                   for a in apps["chosen"]], batch_size=BATCH)
    experts = Expert.objects.bulk_create([
        Expert(user=u, name=person(i + 5), organisation=region, pool=region,
               post="高级工程师/高级技师",
               mobile_encrypted=encrypt(mobile(block + 50, i)),
               invited_at=now, accepted_at=now)   # accepted the 保密及回避承诺
        for i, u in enumerate(users["expert"])])
    counts = {"experts": len(experts), "recommendations": len(recommendations),
              "score_sheets": 0}
    for offset, kind in enumerate(ProjectKind.values):
        kind_apps = [a for a in apps["chosen"] if a.kind == kind]
        members = [experts[(offset * 3 + i) % len(experts)] for i in range(n.panel)]
        counts["score_sheets"] += _panel(call, kind, members, kind_apps, users, now)
    return counts


def _panel(call, kind, members, kind_apps, users, now) -> int:
    rubric = Rubric.objects.create(call=call, kind=kind, version=1, note="压测数据",
                                   created_by=users["reviewer"][0])
    criteria = Criterion.objects.bulk_create([
        Criterion(rubric=rubric, position=i, group=group, name=name,
                  max_points=Decimal(points), guidance=guide)
        for i, (group, name, points, guide) in enumerate(DEFAULT_CRITERIA[kind], start=1)])
    panel = Panel.objects.create(call=call, kind=kind, name=f"{ProjectKind(kind).label}专家组",
                                 status=PanelStatus.SCORING, chair=members[0], rubric=rubric)
    PanelMember.objects.bulk_create([PanelMember(panel=panel, expert=e) for e in members])
    assignments = copy_rows(Assignment, [Assignment(panel=panel, application=a, expert=e)
                                         for a in kind_apps for e in members], ids=True)
    sheets, scores = [], []
    for i, asg in enumerate(assignments):
        submitted = i % 5 < 3
        points = [c.max_points * Decimal(60 + (i * 7 + j * 3) % 40) / 100
                  for j, c in enumerate(criteria)]
        points = [p.quantize(Decimal("0.01")) for p in points]
        sheets.append(ScoreSheet(assignment=asg, rubric=rubric,
                                 status=SheetStatus.SUBMITTED if submitted else SheetStatus.DRAFT,
                                 total=sum(points) if submitted else None,
                                 submitted_at=now if submitted else None,
                                 comment="项目基础较好，建设目标明确，预算基本合理。" if submitted else ""))
        scores.append(points if submitted else [])
    sheets = copy_rows(ScoreSheet, sheets, ids=True)
    copy_dicts(Score, [{"sheet_id": s.pk, "criterion_id": c.pk, "points": p}
                       for s, pts in zip(sheets, scores, strict=True)
                       for c, p in zip(criteria, pts, strict=False)])
    return len(sheets)
