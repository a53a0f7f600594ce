"""Spending records against the allowed purposes (鄂人社发〔2022〕100号 六)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from calls.choices import ProjectKind
from declare.schema import BUDGET_SOURCES

from .. import rules
from ..budget import overrun
from ..choices import FORBIDDEN_PURPOSES, PURPOSE_CITATION, PURPOSES_FOR_KIND, Purpose
from ..models import BUDGET_CONTENTS, Project, Spending
from .base import lock, log, require

SUBSIDY_SOURCE = "central"  # 表4-2 column 中央财政补助（就业补助资金）: the project's own funds


def check_purpose(kind: str, purpose: str) -> None:
    """Refuse travel and labour fees and anything outside the kind's list (100号 六)."""
    require(purpose in Purpose.values, "请选择支出用途。", field="purpose")
    if purpose in FORBIDDEN_PURPOSES:
        require(False, f"建设项目资金不得用于{Purpose(purpose).label}等与项目资金使用范围无关的"
                       "其他支出（鄂人社发〔2022〕100号 六）。", field="purpose")
    allowed = PURPOSES_FOR_KIND[kind]
    require(purpose in allowed,
            f"{ProjectKind(kind).label}经费主要用于：{'、'.join(p.label for p in allowed)}"
            f"（{PURPOSE_CITATION[kind]}），不能列支“{Purpose(purpose).label}”。",
            field="purpose")


def subsidy_spent(project: Project) -> Decimal:
    total = project.spendings.filter(source=SUBSIDY_SOURCE).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0")


@transaction.atomic
def record_spending(project: Project, *, by, spent_on: date, purpose: str, source: str,
                    amount: Decimal, description: str, content: str = "",
                    voucher: str = "", overrun_reason: str = "") -> Spending:
    """Record one payment from the project's funds (专款专用，单独建账 100号 七(一)).

    Only the unit records, only while the project is open, only after the funds are released,
    only under an allowed purpose, and never beyond the subsidy released. A payment that takes
    its 建设内容's budget (表4-2, per source) into a negative 结余 needs a stated reason.
    """
    locked = lock(project)
    require(rules.can_report(by, locked), "只有建设中项目的建设单位可以登记支出。")
    require(locked.released_on is not None, "项目资金尚未下达，不能登记支出。")
    check_purpose(locked.kind, purpose)
    require(source in dict(BUDGET_SOURCES), "请选择资金来源。", field="source")
    if locked.kind == ProjectKind.BASE:
        require(content in dict(BUDGET_CONTENTS), "请选择对应的建设内容。", field="content")
    else:
        content = ""
    require(amount is not None and amount > 0, "金额应大于0（单位：万元）。", field="amount")
    require(spent_on >= locked.released_on,
            f"支出日期不能早于资金下达日期 {locked.released_on:%Y-%m-%d}。", field="spent_on")
    require(spent_on <= timezone.localdate(), "支出日期不能晚于今天。", field="spent_on")
    if source == SUBSIDY_SOURCE:
        left = locked.amount - subsidy_spent(locked)
        require(amount <= left, f"补助资金累计支出不能超过下达金额 {locked.amount} 万元"
                                f"（尚余 {left} 万元）。", field="amount")
    over = overrun(locked, content=content, source=source, amount=amount)
    reason = (overrun_reason or "").strip() if over else ""
    if over:
        require(bool(reason),
                f"本次支出后，“{over['label']}”的{dict(BUDGET_SOURCES)[source]}累计支出将超过预算"
                f" {over['budget']} 万元（已支出 {over['spent']} 万元，超出 {over['over']} 万元），"
                "结余将为负数。请核对建设内容和资金来源，确需超支的请填写超预算说明。",
                field="overrun_reason")
    spending = Spending.objects.create(
        project=locked, spent_on=spent_on, purpose=purpose, content=content, source=source,
        amount=amount, description=description.strip(), voucher=voucher.strip(),
        overrun_reason=reason, recorded_by=by)
    payload = {"spending": spending.pk, "purpose": purpose, "amount": str(amount)}
    if over:
        payload["over_budget"] = str(over["over"])
    log(locked, by=by, action="登记支出（超预算）" if over else "登记支出", comment=reason,
        payload=payload)
    return spending

