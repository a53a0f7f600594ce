"""Form definitions of 附件3/附件4, one per version (declare.formdefs.registry); declare.schema
is the facade the rest of the code reads."""

from . import national2025, national2026  # noqa: F401  (each registers its definition)
from .registry import DEFAULT_FORM, FORMS, FormDefinition, form_choices, form_for

__all__ = ["DEFAULT_FORM", "FORMS", "FormDefinition", "form_choices", "form_for"]
