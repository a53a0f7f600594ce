"""Every state change of the recommenders' 初评 (quotas): one verb, one transaction each."""

from core.errors import DomainError

from .contact import decide_contact_change, register_contact, request_contact_change
from .decisions import (
           decline,
           ensure_package,
           quota_message,
           recommend,
           return_application,
           undo_decision,
)
from .package import (
    grant_extension,
    package_problems,
    remind_deadlines,
    reopen_package,
    submit_package,
)
from .ranking import move
from .report import add_scan, delete_scan, save_report
from .statement import save_leader_statement, statement_needed

__all__ = ["DomainError", "add_scan", "decline", "delete_scan", "ensure_package",
           "grant_extension", "move", "package_problems", "quota_message", "recommend",
           "register_contact", "request_contact_change", "decide_contact_change", "remind_deadlines", "reopen_package", "return_application",
           "save_leader_statement", "save_report", "statement_needed", "submit_package",
           "undo_decision"]
