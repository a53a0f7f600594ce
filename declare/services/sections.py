"""Saving one section of the form with an optimistic lock; reading all of them back.

A draft keeps whatever was typed (issue 15 §2): the valid values in Section.data, the raw text
of every invalid input in Section.pending with its messages; validation only decides whether
the section is complete. PII fields (schema Field.pii) are encrypted in both (core.pii) and
decrypted by `section_data` / `pending_inputs`. Every save is kept by simple-history on Section,
an autosave in its editing burst's row (services.history); the autosave's patch of a few items
is merged here (declare.patch), so this stays the one home for storing a section.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, F, JSONField, When
from django.http import Http404
from django.utils import timezone

from core import pii
from core.errors import DomainError

from ..boundary import check_section
from ..checklist import items_of
from ..completeness import alternative_gaps, field_label, is_blank, missing_labels
from ..models import Application, Section
from ..patch import Patch, merge, patch_spec, read_patch
from ..projection import feeds, project
from ..schema import Field, Group, SectionSpec, section_spec, sections_for
from ..selectors import access_application, sections_of_my_units
from ..unitfacts import unit_facts, with_unit_facts
from . import history
from .materials import alternative_status, checklist_status


@dataclass
class Change:
    key: str
    label: str
    theirs: object
    mine: object
    by: str
    at: object  # aware datetime of the other person's save


class StaleSection(DomainError):
    """The section changed since the user loaded it (their base_version is old).

    `.current` is the Section as stored now; `.changes` is [(label, theirs, mine)] for every
    entry someone else changed meanwhile; `.details` the same as Change objects with who/when.
    """

    def __init__(self, current: Section, details: list[Change], by=None):
        self.current, self.details = current, details
        self.changes = [(c.label, c.theirs, c.mine) for c in details]
        super().__init__(stale_message(details, by, current))


def stale_message(details: list[Change], by=None, current: Section | None = None) -> str:
    """他人 when someone else saved meanwhile; 您在另一窗口 when it was the same user (another
    tab or window of the same account), so nobody goes looking for a colleague who wasn't."""
    me = (by.get_full_name() or by.username) if by is not None else None
    mine = me is not None and (all(c.by == me for c in details) if details
                               else current is not None and current.updated_by_id == by.pk)
    if mine:
        parts = [f"“{c.label}”已于 {timezone.localtime(c.at):%H:%M} 在另一窗口修改" for c in details]
        head = "您在另一窗口（或标签页）中已保存过本栏目，本页的修改尚未保存"
        tail = "请对照下方另一窗口保存的内容合并后再次保存。"
    else:
        parts = [f"“{c.label}”已被 {c.by} 于 {timezone.localtime(c.at):%H:%M} 修改"
                 for c in details]
        head = "您打开本页后，本栏目已被他人保存，您的修改尚未保存"
        tail = "请对照下方对方填写的内容合并后再次保存。"
    if not parts:
        return f"{head}。请核对后再次保存。"
    return f"{head}：{'；'.join(parts)}。{tail}"


# ---------------------------------------------------------------- encryption of PII fields
def _map_pii(spec: SectionSpec, data: dict, fn) -> dict:
    out = dict(data)
    for item in spec.items:
        if isinstance(item, Group):
            secret = [f.key for f in item.fields if f.pii]
            if secret and isinstance(out.get(item.key), list):
                out[item.key] = [{k: fn(v) if k in secret and isinstance(v, str) else v
                                  for k, v in row.items()} for row in out[item.key]]
        elif item.pii and isinstance(out.get(item.key), str):
            out[item.key] = fn(out[item.key])
    return out


def encrypt_section(spec: SectionSpec, data: dict) -> dict:
    return _map_pii(spec, data, pii.encrypt)


def decrypt_section(spec: SectionSpec | None, data: dict) -> dict:
    return _map_pii(spec, data or {}, pii.decrypt) if spec else dict(data or {})


def _input_of(spec: SectionSpec, name: str) -> tuple[Field | Group | None, Field | None, int]:
    """The schema item an input name belongs to: (item, row field or None, row index)."""
    for item in spec.items:
        if isinstance(item, Group) and name.startswith(f"{item.key}-"):
            index, _, key = name[len(item.key) + 1:].partition("-")
            field = next((f for f in item.fields if f.key == key), None)
            return item, field, int(index) if index.isdigit() else -1
        if name == item.key or (item.type == "budget" and name.startswith(f"{item.key}-")):
            return item, None, -1
    return None, None, -1


def input_label(spec: SectionSpec, name: str) -> str:
    """How an input is named in messages: 法人代表信息·手机, 主要成员第2行·手机."""
    item, field, index = _input_of(spec, name)
    if item is None:
        return spec.title
    if field is not None and index >= 0:
        return f"{item.label}第{index + 1}行·{field.label}"
    return field_label(item)


def _is_pii_input(spec: SectionSpec, name: str) -> bool:
    item, field, _index = _input_of(spec, name)
    target = field if isinstance(item, Group) else item
    return bool(getattr(target, "pii", False))


def _map_pending(spec: SectionSpec, pending: dict, fn) -> dict:
    return {name: {**entry, "value": fn(entry.get("value") or "")}
            if _is_pii_input(spec, name) else dict(entry)
            for name, entry in (pending or {}).items()}


def pending_inputs(spec: SectionSpec | None, section: Section | None) -> dict:
    """The stored invalid inputs of a section, decrypted: {name: {"value", "errors"}}."""
    if spec is None or section is None:
        return {}
    return _map_pending(spec, section.pending, pii.decrypt)


def refused_section(spec: SectionSpec, refused: dict[str, list[str]]) -> DomainError:
    """The save service's refusal of malformed data (declare.boundary): the first input named
    with its message, every one in `problems`."""
    problems = [f"{input_label(spec, name)}：{'；'.join(messages)}"
                for name, messages in refused.items()]
    return DomainError(f"{spec.heading}：{problems[0]}", problems, field=next(iter(refused)))


# ---------------------------------------------------------------- conflicts
def _label(item) -> str:
    return field_label(item)


def _same(a, b) -> bool:
    return a == b or (is_blank(a) and is_blank(b))


def _changed_since(spec: SectionSpec, section: Section, base_version: int, mine: dict):
    """Who changed which entry after `base_version`, from the section's history."""
    records = list(section.history.filter(version__gte=base_version)
                   .order_by("version", "history_id").select_related("updated_by"))
    before = {}
    if records and records[0].version == base_version:
        before = decrypt_section(spec, records[0].data)
    else:   # base_version's row was an autosave since coalesced into its burst (history.py)
        earlier = section.history.filter(version__lt=base_version).order_by("-history_id").first()
        before = decrypt_section(spec, earlier.data) if earlier else {}
    last: dict[str, Change] = {}
    for rec in records:
        if rec.version <= base_version:
            continue
        now = decrypt_section(spec, rec.data)
        who = rec.updated_by.get_full_name() or rec.updated_by.username if rec.updated_by else "他人"
        for item in spec.items:
            if not _same(now.get(item.key), before.get(item.key)):
                last[item.key] = Change(item.key, _label(item), now.get(item.key), mine.get(item.key),
                                        who, rec.history_date)
        before = now
    return [last[i.key] for i in spec.items if i.key in last]


# ---------------------------------------------------------------- writes
@transaction.atomic
def save_section(*, application: Application, key: str, data: dict, base_version: int,
                 by, pending: dict | None = None, only=None, autosave: bool = False,
                 now=None) -> Section:
    """Store one section's data if nobody saved it since `base_version` (optimistic lock).

    `pending` is the raw text of the inputs that failed validation ({name: {"value",
    "errors"}}): stored with the rest, never a reason to refuse (a draft keeps every word,
    issue 15 §2); a section with pending inputs is not complete. The section row is locked
    (SELECT … FOR UPDATE) so two saves of the same version cannot both pass; the second
    raises StaleSection listing what the first changed, and stores nothing. Saving identical
    data is a no-op (no new version). Only editable applications (draft/returned) can be saved.
    `only` (the autosave's patch, declare.patch): `data` and `pending` hold just these items,
    which replace theirs; every other item stays as stored. `autosave`: the history row of
    the editing burst is brought up to date instead of a new one (services.history); `now`
    the clock of that decision.
    """
    app, section = _locked(application, key)
    return _store(app, section, key=key, data=data, base_version=base_version, by=by,
                  pending=pending, only=only, autosave=autosave, now=now)


@transaction.atomic
def autosave_section(*, user, pk: int, key: str, body: bytes, now=None) -> tuple[Section, Patch]:
    """The autosave's patch (declare.patch, the JSON `body`) of section `key` of application
    `pk`, stored as save_section stores it. The section and its application (with call and
    unit) are read and locked by one statement scoped to what `user` may write
    (selectors.sections_of_my_units, access_application's rule); a section never saved, and
    "not yours", go through access_application itself (404) and save_section's lock."""
    section = _locked_of(user, pk, key)
    app = section.application if section else access_application(user, pk, for_write=True)
    spec = patch_spec(app, key)
    if spec is None:
        raise Http404("申报表中没有该栏目。")
    patch = read_patch(spec, body)
    if section is None:
        app, section = _locked(app, key)
    saved = _store(app, section, key=key, data=patch.data, pending=patch.pending,
                   base_version=patch.base_version, by=user, only=patch.keys, autosave=True,
                   now=now)
    return saved, patch


def _store(app: Application, section: Section, *, key: str, data: dict, base_version: int,
           by, pending: dict | None, only, autosave: bool, now) -> Section:
    """save_section's work on the locked application and section."""
    pending = pending or {}
    if not app.is_editable:
        raise DomainError("申报已提交，当前不能修改。如需修改，请先撤回或等待推荐单位退回。")
    spec = section_spec(app.kind, key, form=app)
    if spec is None:
        raise DomainError("申报表中没有该栏目。")
    data, refused = check_section(spec, data)   # whoever calls: only what the definition accepts
    if refused:
        raise refused_section(spec, refused)
    plain_now, pending_now = decrypt_section(spec, section.data), pending_inputs(spec, section)
    if only is not None:
        data, pending = merge(plain_now, pending_now, only, data, pending)
    data = with_unit_facts(spec, data, unit_facts(app.unit))   # never another unit's name
    if plain_now == data and pending_now == pending:
        return section
    if base_version != section.version:
        raise StaleSection(section, _changed_since(spec, section, base_version, data), by)
    section.data = encrypt_section(spec, data)
    section.pending = _map_pending(spec, pending, pii.encrypt)
    section.version += 1
    section.complete = not missing_labels(spec, data) and not pending
    section.updated_by = by
    history.store(section, by=by, autosave=autosave, since=app.submitted_at, now=now,
                  reason=history.reason(spec.heading, autosave=autosave))
    if only is None or feeds(key, only):
        project(section)   # the typed figures (declare.projection), in this transaction
    return section


def _locked_of(user, pk: int, key: str) -> Section | None:
    """Section `key` of application `pk` with its application, call and unit, when `user`
    may write it, locked as _locked locks (FOR UPDATE OF both); None when there is none."""
    try:
        return (sections_of_my_units(user).select_for_update(of=("self", "application"))
                .select_related("application__call", "application__unit")
                .get(application_id=pk, key=key))
    except Section.DoesNotExist:
        return None


def _locked(application: Application, key: str) -> tuple[Application, Section]:
    """The application (with its unit) and its section row, both locked for this transaction
    by one statement (SELECT … FOR UPDATE OF both; nothing else locks a Section, so the order
    cannot deadlock); the section is created empty on its first save, under the application's
    lock (a refused save rolls the empty row back with the rest). The caller's unit and call,
    when it read them, are reused (the row read under the lock says which it is)."""
    reuse = Application.unit.is_cached(application)
    locked = (Section.objects.select_for_update(of=("self", "application"))
              .select_related("application" if reuse else "application__unit"))
    try:   # get(): no ORDER BY (Section's ordering would sort by the application's created_at)
        section = locked.get(application_id=application.pk, key=key)
    except Section.DoesNotExist:
        app = (Application.objects.select_for_update(of=("self",)).select_related("unit")
               .get(pk=application.pk))
        Section.objects.get_or_create(application=app, key=key)
        section = locked.get(application_id=app.pk, key=key)
    app = section.application
    if Application.call.is_cached(application) and application.call_id == app.call_id:
        app.call = application.call   # the caller's (the form and thresholds it names)
    if reuse and application.unit_id == app.unit_id:
        app.unit = application.unit   # its registered facts (declare.unitfacts)
    return app, section


# ---------------------------------------------------------------- reads
def section_data(application: Application) -> dict[str, dict]:
    """Decrypted data of every stored section of the application: {key: data}."""
    out = {}
    for section in application.sections.all():
        out[section.key] = decrypt_section(section_spec(application.kind, section.key,
                                                        form=application),
                                           section.data)
    return out


def specs_for(application: Application, specialities: int | None = None) -> list[SectionSpec]:
    if specialities is None:
        specialities = len(application.specialities.all())
    return sections_for(application.kind, specialities, application.tier, form=application)


def heading_for(spec: SectionSpec, application: Application) -> str:
    """The official heading; 表3-n-x carry the n-th speciality's name (表3-1-1 车工专业…)."""
    if spec.key.startswith("t3_"):
        n = int(spec.key.split("_")[1])
        names = {s.position: s.occupation.name for s in application.specialities.all()}
        return f"{spec.number} {names.get(n, '')}{spec.title}"
    return spec.heading


def completeness(application: Application) -> list[dict]:
    """Every section of the application in official order.

    Each entry: key, heading, complete, missing (labels), invalid (labels of the inputs stored
    with an error), official, summary — the line shown on the overview, e.g.
    "表1-1：法人代表信息·手机、开户银行"; invalid_summary the same for the invalid inputs.
    """
    stored = {s.key: s for s in application.sections.all()}
    uploadable = alternative_gaps(checklist_status(application))
    facts = unit_facts(application.unit)
    out = []
    for spec in specs_for(application):
        section = stored.get(spec.key)
        invalid = list(dict.fromkeys(input_label(spec, name)
                                     for name in (section.pending if section else {})))
        data = with_unit_facts(spec, section.data if section else None, facts)
        missing = [m for m in missing_labels(spec, data) + uploadable.get(spec.key, [])
                   if m not in invalid]   # typed, only wrong: said once, as 填写有误
        short = spec.number if spec.number.startswith("表") else spec.title
        out.append({"key": spec.key, "heading": heading_for(spec, application),
                    "complete": not missing and not invalid, "missing": missing,
                    "invalid": invalid, "official": spec.official,
                    "summary": f"{short}：{'、'.join(missing)}" if missing else "",
                    "invalid_summary": f"{short}：{'、'.join(invalid)}" if invalid else ""})
    return out


def sections_for_page(application: Application, key: str) -> dict[str, Section]:
    """Every stored section of the application by key, in one query, with the JSON (data,
    pending) of only section `key` (the page's own) and of the sections a checklist item may
    be typed into (declare.checklist alternatives); the others carry their key and flag."""
    wanted = {key} | {i.alternative[0] for i in items_of(application) if i.alternative}
    rows = (Section.objects.filter(application=application).order_by().defer("data", "pending")
            .annotate(data_=Case(When(key__in=wanted, then=F("data")), output_field=JSONField()),
                      pending_=Case(When(key__in=wanted, then=F("pending")),
                                    output_field=JSONField())))
    out = {}
    for section in rows:
        if section.key in wanted:
            section.data, section.pending = section.data_, section.pending_
        out[section.key] = section
    return out


def section_marks(application: Application, stored: dict[str, Section] | None = None
                  ) -> list[dict]:
    """The ✓/✗ of every section in official order (key, heading, complete), as `completeness`
    judges it, without reading the sections' JSON: a saved section's flag is the one its save
    set by the same rule (Section.complete: nothing missing, nothing invalid), a section never
    saved is judged on what the unit's registration fills in, and both are ✗ while a checklist
    item it stands in for is neither uploaded nor typed (only those sections' data is read).
    `stored`: sections_for_page's answer (read here when not given)."""
    if stored is None:
        stored = sections_for_page(application, "")
    uploadable = alternative_gaps(alternative_status(application, stored))
    facts = unit_facts(application.unit)
    out = []
    for spec in specs_for(application):
        section = stored.get(spec.key)
        complete = section.complete if section is not None else not missing_labels(
            spec, with_unit_facts(spec, None, facts))
        out.append({"key": spec.key, "heading": heading_for(spec, application),
                    "complete": complete and not uploadable.get(spec.key)})
    return out
