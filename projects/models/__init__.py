from .changes import Ban, ChangeRequest, FundsRecovery
from .project import MILESTONE_CONTENTS, FundingRule, Milestone, Project, ProjectEvent
from .records import BUDGET_CONTENTS, Acceptance, Evaluation, ProgressReport, Reminder, Spending

__all__ = [
    "BUDGET_CONTENTS", "MILESTONE_CONTENTS", "Acceptance", "Ban", "ChangeRequest", "Evaluation",
    "FundingRule", "FundsRecovery", "Milestone", "ProgressReport", "Project", "ProjectEvent",
    "Reminder", "Spending",
]
