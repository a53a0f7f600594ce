"""评分细则: versioned per call and kind; the default ones follow the structure of 附件3/附件4."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max

from calls.choices import ProjectKind
from core.errors import DomainError

from ..models import Criterion, Rubric
from ..rules import can_review
from .audit import log

DEFAULT_CRITERIA = {
    ProjectKind.BASE: [
        ("申报条件", "基础条件", 20, "管理制度、培训规模、实训条件、近三年培训业绩（105号 二(一)）"),
        ("建设能力", "培训能力", 20, "培训体系、校企合作、企业新型学徒制、社会服务"),
        ("建设能力", "师资队伍", 15, "项目负责人与项目组成员、师资结构"),
        ("建设方案", "建设方案", 20, "表2、表3：思路清晰，目标可量化、可监测，内容可完成"),
        ("建设方案", "经费预算", 10, "表4-2：预算合理，来源明确，比例恰当"),
        ("建设方案", "预期成效", 15, "阶段目标与验收要点的可实现性和示范作用"),
    ],
    ProjectKind.STUDIO: [
        ("领办人", "领办人条件", 30, "职业技能等级、获奖、绝技绝活与传承贡献"),
        ("工作室", "工作室条件", 20, "场所、设施、人员和依托单位支持（经费不低于50%）"),
        ("工作计划", "工作计划", 25, "培训、研修、攻关、交流活动安排与目标"),
        ("工作计划", "预期成效", 25, "技术革新、技能推广、带徒传技成果"),
    ],
}


def current_rubric(call, kind) -> Rubric | None:
    return (Rubric.objects.filter(call=call, kind=kind).order_by("-version")
            .prefetch_related("criteria").first())


def _decimal(value, label, field) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DomainError(f"{label}应为数字。", field=field) from None
    if not number.is_finite() or number <= 0 or number != number.quantize(Decimal("0.01")):
        raise DomainError(f"{label}应为大于0、最多两位小数的数字。", field=field)
    return number


@transaction.atomic
def publish_rubric(call, kind, *, criteria: list[dict], by, note: str = "") -> Rubric:
    """Publish a new version; panels already scoring keep the version they started with."""
    if by is not None and not can_review(by, call):
        raise DomainError("您无权修改评分细则。")
    rows = [c for c in criteria if str(c.get("name", "")).strip()]
    if not rows:
        raise DomainError("评分细则至少应有一个评分项。")
    type(call).objects.select_for_update().filter(pk=call.pk).first()  # one publisher at a time
    latest = Rubric.objects.filter(call=call, kind=kind).aggregate(v=Max("version"))["v"] or 0
    rubric = Rubric.objects.create(call=call, kind=kind, version=latest + 1, note=note,
                                   created_by=by)
    for i, c in enumerate(rows, start=1):
        Criterion.objects.create(
            rubric=rubric, position=i, group=str(c.get("group", "")).strip() or c["name"],
            name=str(c["name"]).strip(),
            max_points=_decimal(c["max_points"], f"第{i}项分值上限", f"max_points-{i}"),
            weight=_decimal(c.get("weight", 1), f"第{i}项权重", f"weight-{i}"),
            guidance=str(c.get("guidance", "")).strip())
    log(call, by=by, action="publish_rubric", subject=str(rubric),
        payload={"kind": kind, "version": rubric.version,
                 "criteria": [{k: str(v) for k, v in c.items()} for c in rows]})
    return rubric


def ensure_default_rubrics(call, *, by=None) -> list[Rubric]:
    out = []
    for kind in call.kinds:
        rubric = current_rubric(call, kind)
        if rubric is None:
            rubric = publish_rubric(call, kind, by=by, note="默认评分细则", criteria=[
                {"group": g, "name": n, "max_points": m, "weight": 1, "guidance": h}
                for g, n, m, h in DEFAULT_CRITERIA[kind]])
        out.append(rubric)
    return out
