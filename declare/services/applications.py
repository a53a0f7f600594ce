"""Creating an application and changing its 申报基本信息 while it is editable."""

from django.db import transaction
from django.db.models import Max

from calls.choices import Category, ProjectKind, Tier
from calls.models import Call
from calls.selectors import calls_for_applicant
from core.errors import DomainError
from orgs.models import Organisation

from ..eligibility.conditions import category_for_basics
from ..eligibility.outcomes import FAIL
from ..models import Application, Speciality
from ..workflow import created

PREFIX = {ProjectKind.BASE: "JD", ProjectKind.STUDIO: "GZ"}


def next_reference(call: Call, kind: str) -> str:
    """f"{year}-JD-{seq:04d}" for bases, "-GZ-" for studios; seq counts up per year and kind.

    The caller holds the lock on the call row, so two units creating at the same moment get
    different numbers (the unique constraint on `reference` backs this).
    """
    prefix = f"{call.year}-{PREFIX[ProjectKind(kind)]}-"
    last = (Application.objects.filter(reference__startswith=prefix)
            .aggregate(m=Max("reference"))["m"])
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def _set_specialities(application: Application, occupations) -> None:
    application.specialities.exclude(position__lte=len(occupations)).delete()
    for position, (occupation, work_type) in enumerate(occupations, start=1):
        Speciality.objects.update_or_create(
            application=application, position=position,
            defaults={"occupation": occupation, "work_type": work_type or ""})


def _check_shape(kind: str, category: str, tier: str, occupations, call: Call) -> None:
    """The 申报基本信息 an application may have at all, checked at creation and at every
    change: up to the call's max_specialities specialities (one for a studio), a tier for a base, and a category
    that the kind has and the occupations' 大类 agree with (105号 二(四), the pre-check's rule)."""
    if kind not in ProjectKind.values or category not in Category.values:
        raise DomainError("请选择项目类型和项目类别。", field="kind")
    if kind == ProjectKind.BASE and tier not in Tier.values:
        raise DomainError("培训基地建设项目须选择A档（新建项目）或B档（已建项目）。", field="tier")
    if not occupations:
        raise DomainError("请至少申报一个专业（职业工种）。")
    if kind == ProjectKind.STUDIO and len(occupations) != 1:
        raise DomainError("工作室建设项目只能申报一个职业（工种）。")
    most = call.threshold("max_specialities")
    if len(occupations) > most:
        raise DomainError(f"培训基地建设项目最多申报{most}个专业（职业工种）。")
    finding = category_for_basics(kind=kind, category=category,
                                  occupations=[occupation for occupation, _ in occupations])
    if finding.outcome == FAIL:
        raise DomainError(f"{finding.reason}（{finding.citation}）。", field="category")


@transaction.atomic
def create_application(*, unit: Organisation, call: Call, kind: str, category: str, tier: str,
                       occupations: list[tuple], by) -> Application:
    """Open a draft 申报 of `unit` in `call` (105号 四(一): units declare through their
    recommender, so the call must be one the unit's recommender takes part in, and open)."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not calls_for_applicant(unit).filter(pk=call.pk).exists():
        raise DomainError("贵单位的推荐单位未参加该申报批次。")
    if not call.is_open or not call.offers(kind):
        raise DomainError("该申报批次当前不接受此类项目申报。")
    _check_shape(kind, category, tier, occupations, call)
    app = Application.objects.create(
        call=call, unit=unit, kind=kind, category=category,
        tier=tier if kind == ProjectKind.BASE else "", reference=next_reference(call, kind),
        created_by=by)
    _set_specialities(app, occupations)
    created(app, by=by)
    return app


@transaction.atomic
def update_basics(*, application: Application, kind: str, category: str, tier: str,
                  occupations: list[tuple], by) -> Application:
    """Change kind, category, tier or specialities of an editable application.

    A change of kind gives a new reference of the new series (JD/GZ); sections already filled
    stay stored, and those the new form does not have are simply not shown.
    """
    app = Application.objects.select_for_update().get(pk=application.pk)
    if not app.is_editable:
        raise DomainError("申报已提交，不能修改申报基本信息。")
    _check_shape(kind, category, tier, occupations, app.call)
    if kind != app.kind:
        Call.objects.select_for_update().get(pk=app.call_id)
        app.reference = next_reference(app.call, kind)
    app.kind, app.category = kind, category
    app.tier = tier if kind == ProjectKind.BASE else ""
    app._change_reason = f"{by} 修改申报基本信息"
    app.save()
    _set_specialities(app, occupations)
    return app
