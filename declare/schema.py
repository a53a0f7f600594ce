"""The sections and fields of 附件3 (base) and 附件4 (studio): the facade of the form
definitions (declare.formdefs). Each call names one definition (Call.form, e.g.
"2025-national"); what is read, validated and printed of an application or a snapshot is read
from the definition it was written under. Without `form=` the 2025 national form is meant.

`form` may be a registry key, a definition, or a Call / Application / Section / Snapshot
(declare.formdefs.registry.form_for). The 2025 blocks stay importable by name for the code that
reads a fixed part (表4-2 sources, the construction contents).
"""

from calls.models import Call, default_thresholds

from .formdefs import FORMS, FormDefinition, form_for
from .formdefs.national2025 import (  # noqa: F401  (the 2025 blocks, by name)
    BASE_ANNEX_TEXTS,
    BASE_COVER,
    BASE_ELIGIBILITY,
    BASE_SUMMARY,
    BASE_T1_1,
    BASE_T1_2,
    BASE_T2_1,
    BASE_T2_2,
    BASE_T4_1,
    BASE_T4_2,
    BUDGET_SOURCES,
    CONTENTS,
    ITEM_FIELDS,
    STUDIO_ACHIEVEMENTS,
    STUDIO_COVER,
    STUDIO_ELIGIBILITY,
    STUDIO_MASTER,
    STUDIO_OPINION,
    STUDIO_REPORT,
    STUDIO_SUMMARY,
    STUDIO_UNIT,
    UNIT_OPINION,
    speciality_sections,
)
from .formdefs.spec import (  # noqa: F401
    EMPTY,
    READINGS,
    TICKED,
    Field,
    Group,
    SectionSpec,
    chinese_date,
    chinese_month,
    for_tier,
    occupation_text,
)

__all__ = ["FORMS", "FormDefinition", "form_for", "pii_keys", "section_spec", "sections_for"]


def sections_for(kind: str, specialities: int = 1, tier: str = "", *,
                 form=None) -> list[SectionSpec]:
    """All sections of an application of `kind` under `form`, in the order of the official
    form; with a `tier`, only the questions that tier is asked."""
    return form_for(form).sections(kind, specialities, tier)


def section_spec(kind: str, key: str, *, form=None) -> SectionSpec | None:
    """The section `key` of `kind` under `form`; a 表3-n block only up to the call's
    max_specialities (the call of `form` when it has one, else the notices' default)."""
    return form_for(form).section(kind, key, max_specialities(form))


def max_specialities(form=None) -> int:
    """The one home of the number is the call's threshold (calls.models.default_thresholds)."""
    call = getattr(form, "call", form)
    if isinstance(call, Call):
        return call.threshold("max_specialities")
    return default_thresholds()["max_specialities"]


def pii_keys(kind: str, key: str, *, form=None) -> tuple[str, ...]:
    spec = section_spec(kind, key, form=form)
    return tuple(f.key for f in spec.fields() if f.pii) if spec else ()
