"""Every write to a project goes through these functions (one transaction each)."""

from core.errors import DomainError

from .changes import approve_change, leader_meets_conditions, reject_change, request_change
from .create import amount_for, create_project_from_application, record_release
from .lifecycle import apply_for_acceptance, decide_acceptance, revoke_project
from .progress import record_evaluation, report_progress
from .reminders import issue_reminders
from .spending import check_purpose, record_spending, subsidy_spent

__all__ = [
    "DomainError", "amount_for", "apply_for_acceptance", "approve_change", "check_purpose",
    "create_project_from_application", "decide_acceptance", "issue_reminders",
    "leader_meets_conditions", "record_evaluation", "record_release", "record_spending",
    "reject_change", "report_progress", "request_change", "revoke_project", "subsidy_spent",
]
