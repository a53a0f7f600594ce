"""The registry of form definitions: `FORMS[key]` is one version of 附件3/附件4 (its sections in
official order, its printed-only wording, the year its labels derive from). A call names one
(`calls.Call.form`); every Section and every Snapshot records the version it was written under
and is read, validated and printed with it.

A definition is frozen once a call that uses it has a submission: its fingerprint (a SHA-256 of
every key, label, hint and rule) is recorded on each snapshot and in `FROZEN` here;
`frozen_changes()` (a database system check, `manage.py check --database default`, and
tests/test_form_versions.py) reports a definition whose fingerprint no longer matches.
A new year's form is a new key, never an edit of a frozen one.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from calls.choices import ProjectKind

from .spec import SectionSpec, for_tier

SPECIALITIES = "表3-n"      # where a base form's per-speciality blocks go in `base`
SPECIALITY_KEY = re.compile(r"^t3_(\d+)_[12]$")


@dataclass(frozen=True)
class FormDefinition:
    key: str
    title: str
    year: int                  # the call year its labels are written for (training years)
    edition: int               # the year printed under 人力资源社会保障部 财政部 制
    base: tuple                # SectionSpec | SPECIALITIES, official order
    speciality: Callable       # n → (表3-n-1, 表3-n-2)
    studio: tuple[SectionSpec, ...]
    printed: dict = field(default_factory=dict)   # {kind: {name: wording}}
    # headings() computed once per definition (a definition is code: it never changes)
    _headings: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def sections(self, kind: str, specialities: int = 1, tier: str = "") -> list[SectionSpec]:
        """All sections of an application of `kind` with `specialities` blocks (the call's
        max_specialities bounds how many an application may have), in official order; with a
        `tier`, only the questions that tier is asked."""
        if kind != ProjectKind.BASE:
            return list(self.studio)
        specs = []
        for spec in self.base:
            if spec == SPECIALITIES:
                specs += [s for n in range(1, max(1, specialities) + 1)
                          for s in self.speciality(n)]
            else:
                specs.append(spec)
        return [for_tier(s, tier) for s in specs] if tier else specs

    def headings(self, kind: str, specialities: int = 1) -> tuple[tuple[str, str], ...]:
        """(key, heading) of each of sections(kind, specialities), read once per definition,
        not once per row of a list (quotas.rules.missing_sections)."""
        found = self._headings.get((kind, specialities))
        if found is None:
            found = self._headings[(kind, specialities)] = tuple(
                (s.key, s.heading or s.title) for s in self.sections(kind, specialities))
        return found

    def section(self, kind: str, key: str, specialities: int) -> SectionSpec | None:
        """The section `key`; a 表3-n block only for n up to `specialities` (the call's
        max_specialities)."""
        found = SPECIALITY_KEY.match(key) if kind == ProjectKind.BASE else None
        if found:
            n = int(found.group(1))
            return next(s for s in self.speciality(n) if s.key == key) \
                if 1 <= n <= specialities else None
        return next((s for s in self.sections(kind) if s.key == key), None)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of everything the definition says (both kinds, one speciality block)."""
        described = {kind: [asdict(s) for s in self.sections(kind)] for kind in ProjectKind.values}
        described["printed"] = self.printed
        described["edition"] = self.edition
        text = json.dumps(described, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


FORMS: dict[str, FormDefinition] = {}
DEFAULT_FORM = "2025-national"

# The fingerprints of the definitions in use by submitted snapshots: an edit of one of these
# fails tests/test_form_versions.py and `manage.py check --database default`.
FROZEN = {
    "2025-national": "e2c062de808ace4fd9422a8edf74f59165dd2f287dbd02031a221b4d61f27ce8",
    "2026-national": "cb265ed42f528c573c34fc6d81cd89a5a35ac484921b7d86607cb993da6adb58",
}


def register(definition: FormDefinition) -> FormDefinition:
    assert definition.key not in FORMS, definition.key
    FORMS[definition.key] = definition
    return definition


def form_for(form=None) -> FormDefinition:
    """The definition named by `form`: a key, a definition, a Call, an Application, a Section
    or a Snapshot (its recorded version); None → the 2025 national form."""
    if form is None:
        return FORMS[DEFAULT_FORM]
    if isinstance(form, FormDefinition):
        return form
    if isinstance(form, str):
        return FORMS[form]
    data = getattr(form, "data", None)
    if hasattr(form, "sha256") and isinstance(data, dict):     # a Snapshot
        return FORMS[(data.get("form") or {}).get("key") or DEFAULT_FORM]
    if hasattr(form, "call"):                                   # an Application
        return FORMS[form.call.form]
    return FORMS[form.form or DEFAULT_FORM]                     # a Call or a Section


def form_choices() -> list[tuple[str, str]]:
    return [(key, definition.title) for key, definition in FORMS.items()]


def frozen_changes(recorded=None) -> list[str]:
    """The definitions whose fingerprint differs from the one frozen here, or (given
    `recorded`: {(form key, fingerprint)} of submitted snapshots) from one a snapshot was
    written under."""
    pairs = set(recorded or ()) | {(k, v) for k, v in FROZEN.items() if v}
    return sorted(f"申报表版本 {key} 已被已提交的申报使用，不能再修改（指纹 {fp[:12]}…）。"
                  for key, fp in pairs
                  if key not in FORMS or FORMS[key].fingerprint != fp)
