"""复制上年申报 (issue 17 §6): a unit starts its new application from an earlier one.

Which earlier application may be carried is declare.eligibility's (`carry_source_problem`).
Every entry that both form definitions have is copied through the one save service
(declare.services.sections.save_section, so the boundary check applies); an entry whose
definition changed (label, type, choices, a repeating block's columns) is copied and flagged
请核对 until the unit saves its section; year-bound entries (a label naming years, 填报时间) are
cleared; a value the new definition refuses is not copied and flagged. The new call's
eligibility checks run at once. Materials are offered on the materials page
(declare.services.materials `reusable_materials`), re-used only file by file.
"""

from dataclasses import dataclass, field, replace

from django.db import transaction

from calls.models import Call
from calls.selectors import calls_for_applicant
from core.errors import DomainError

from ..boundary import check_section
from ..completeness import field_label, is_blank
from ..eligibility.carry import FUNDED, NOT_SELECTED, carry_source_problem
from ..eligibility.conditions import evaluate
from ..eligibility.outcomes import Finding
from ..models import Application, CarryForward
from ..rules import can_edit, is_applicant_of
from ..schema import Field, Group, SectionSpec, sections_for
from ..selectors import applications_of_my_units
from ..yearbound import names_years
from .applications import create_application
from .sections import heading_for, save_section, section_data

CHANGED = "本年度申报表中该项已调整，请核对"
REFUSED = "原填写内容不符合本年度申报表要求，未复制，请重新填写"
TOO_MANY = "本年度申报表行数减少，仅复制前{n}行，请核对"


def _fields(call: Call, kind: str, specialities: int, tier: str = "") -> list[SectionSpec]:
    """The form definition of `call` (its version in the registry, `Call.form`) — the one
    place this module reads it."""
    return sections_for(kind, specialities, tier, form=call)


# ---------------------------------------------------------------- comparing two definitions
def _field_sig(f: Field) -> tuple:
    return (f.label, f.type, tuple(f.choices), f.row)


def _signature(item) -> tuple:
    if isinstance(item, Group):
        return (item.label, item.row, tuple((f.key, *_field_sig(f)) for f in item.fields))
    return _field_sig(item)


def changed(old, new) -> bool:
    """Whether an entry of two definitions differs: label, kind (type), choices, its row
    heading, or for a repeating block any of its columns."""
    return _signature(old) != _signature(new)


def year_bound(item) -> bool:
    """Entries of one year only: a label naming years, or the 填报时间 of the form."""
    if names_years(item.label):
        return True
    if isinstance(item, Group):
        return any(names_years(f.label) for f in item.fields)
    return item.type == "date" and item.not_future


# ---------------------------------------------------------------- the plan
@dataclass(frozen=True)
class Entry:
    section: str     # the section's key
    heading: str
    key: str
    label: str
    reason: str = ""


@dataclass
class Plan:
    source: Application
    call: Call
    copied: list[Entry] = field(default_factory=list)
    flagged: list[Entry] = field(default_factory=list)
    cleared: list[Entry] = field(default_factory=list)
    added: list[Entry] = field(default_factory=list)
    data: dict[str, dict] = field(default_factory=dict)


def _shared_rows(old: Group, new: Group, rows) -> tuple[list, bool]:
    keys = {f.key for f in old.fields} & {f.key for f in new.fields}
    rows = [{k: v for k, v in r.items() if k in keys} for r in rows if isinstance(r, dict)]
    return rows[:new.max_rows], len(rows) > new.max_rows


def _section_plan(plan: Plan, old: SectionSpec | None, new: SectionSpec, values: dict,
                  heading: str) -> None:
    before = {item.key: item for item in (old.items if old else ())}
    data = {}
    for item in new.items:
        entry = Entry(new.key, heading, item.key, field_label(item))
        prior = before.get(item.key)
        value = values.get(item.key)
        if prior is None:
            plan.added.append(entry)
        elif is_blank(value):
            continue
        elif year_bound(item) or year_bound(prior):
            plan.cleared.append(entry)
        elif isinstance(item, Group) and isinstance(prior, Group) and isinstance(value, list):
            data[item.key], cut = _shared_rows(prior, item, value)
            _copied(plan, entry, changed(prior, item),
                    TOO_MANY.format(n=item.max_rows) if cut else "")
        elif isinstance(item, Group) != isinstance(prior, Group):
            plan.flagged.append(replace(entry, reason=REFUSED))
        else:
            data[item.key] = value
            _copied(plan, entry, changed(prior, item))
    stored, refused = check_section(new, data)
    for name in refused:
        key = name.split("-", 1)[0]
        stored.pop(key, None)
        plan.copied = [e for e in plan.copied if (e.section, e.key) != (new.key, key)]
        plan.flagged = [e for e in plan.flagged if (e.section, e.key) != (new.key, key)]
        label = field_label(next(i for i in new.items if i.key == key))
        plan.flagged.append(Entry(new.key, heading, key, label, REFUSED))
    if stored:
        plan.data[new.key] = stored


def _copied(plan: Plan, entry: Entry, differs: bool, note: str = "") -> None:
    plan.copied.append(entry)
    if differs or note:
        plan.flagged.append(replace(entry, reason=note or CHANGED))


def plan_for(source: Application, call: Call) -> Plan:
    """What carrying `source` into `call` copies, flags and clears (the confirmation page
    shows it; `carry_forward` stores exactly its `data`)."""
    n = len(source.specialities.all())
    old = {s.key: s for s in _fields(source.call, source.kind, n, source.tier)}
    values = section_data(source)
    plan = Plan(source, call)
    for spec in _fields(call, source.kind, n, source.tier):
        _section_plan(plan, old.get(spec.key), spec, values.get(spec.key) or {},
                      heading_for(spec, source))
    return plan


# ---------------------------------------------------------------- which sources, which calls
def target_calls(source: Application, *, today) -> list[Call]:
    """The open calls of the unit's recommender that `source` may be carried into."""
    calls = calls_for_applicant(source.unit).order_by("-year", "pk")
    return [c for c in calls if c.is_open and not carry_source_problem(source, c, today=today)]


def carry_sources(user, *, today, applications=None) -> list[tuple[Application, list[Call]]]:
    """The user's units' earlier applications that may be carried, each with its calls;
    `applications`: the user's applications a page has already loaded (no second query)."""
    if applications is None:
        applications = applications_of_my_units(user).filter(
            status__in=(*NOT_SELECTED, FUNDED)).order_by("-call__year", "reference")
    out = []
    for app in (a for a in applications if a.status in (*NOT_SELECTED, FUNDED)):
        calls = target_calls(app, today=today)
        if calls:
            out.append((app, calls))
    return out


# ---------------------------------------------------------------- the write
@dataclass
class Carried:
    record: CarryForward
    plan: Plan
    findings: list[Finding]


@transaction.atomic
def carry_forward(*, source: Application, call: Call, by, today) -> Carried:
    """Create the unit's application in `call` from `source` (issue 17 §6): the same kind,
    category, tier and specialities; every section saved through `save_section`; the flags
    stored with each section's version; the new call's eligibility run at once."""
    source = Application.objects.select_for_update().get(pk=source.pk)
    if not is_applicant_of(by, source):
        raise DomainError("只能复制本单位的申报。")
    problem = carry_source_problem(source, call, today=today)
    if problem:
        raise DomainError(problem)
    earlier = CarryForward.objects.filter(source=source, application__call=call).first()
    if earlier is not None:
        raise DomainError(f"该申报已复制到本批次（{earlier.application.reference}），不能重复复制。")
    plan = plan_for(source, call)
    app = create_application(
        unit=source.unit, call=call, kind=source.kind, category=source.category,
        tier=source.tier, by=by,
        occupations=[(s.occupation, s.work_type) for s in source.specialities.all()])
    flags = {}
    for key, data in plan.data.items():
        section = save_section(application=app, key=key, data=data, base_version=0, by=by)
        fields = {e.key: {"label": e.label, "reason": e.reason}
                  for e in plan.flagged if e.section == key}
        if fields:
            flags[key] = {"version": section.version, "fields": fields}
    for e in plan.flagged:   # a flag of a section with nothing copied stands until its first save
        flags.setdefault(e.section, {"version": 0, "fields": {}})["fields"].setdefault(
            e.key, {"label": e.label, "reason": e.reason})
    record = CarryForward.objects.create(
        application=app, source=source, flags=flags, copied=len(plan.copied),
        cleared=[f"{e.heading}·{e.label}" for e in plan.cleared], created_by=by)
    return Carried(record, plan, evaluate(app))


# ---------------------------------------------------------------- reads
def carry_of(application: Application) -> CarryForward | None:
    return (CarryForward.objects.filter(application=application).select_related("source")
            .first())


def open_flags(application: Application, record: CarryForward | None = None, *,
               versions: dict[str, int] | None = None) -> dict:
    """{section key: {field key: {"label", "reason"}}} of the flags still standing: those of
    a section not saved since the copy. `versions`: {section key: version} of the stored
    sections when the caller has read them (the section page)."""
    flags = record.flags if record is not None else next(iter(
        CarryForward.objects.filter(application=application).values_list("flags", flat=True)),
        None)
    if not flags:
        return {}
    if versions is None:
        versions = dict(application.sections.values_list("key", "version"))
    return {key: entry["fields"] for key, entry in flags.items()
            if entry["fields"] and versions.get(key, 0) == entry["version"]}


@transaction.atomic
def mark_checked(*, application: Application, key: str, by) -> None:
    """The unit confirms a section's flagged entries are right as copied (a save without a
    change stores no new version, so the flags would otherwise stand)."""
    if not can_edit(by, application):
        raise DomainError("申报当前不能修改，无需核对。")
    record = CarryForward.objects.select_for_update().filter(application=application).first()
    if record is None or key not in record.flags:
        return
    record.flags = {k: v for k, v in record.flags.items() if k != key}
    record.save(update_fields=["flags"])
