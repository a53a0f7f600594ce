"""The provincial review (复审): receipt, experts, panels, scoring, decision, 公示, 备案."""

from .experts import ConflictDeclaration, Expert
from .outcome import (
    Decision,
    DecisionItem,
    Filing,
    FilingStatus,
    NoticeStatus,
    Objection,
    ObjectionOutcome,
    ObjectionStatus,
    PublicNotice,
)
from .panels import (
    Assignment,
    Attendance,
    DefenceSlot,
    DiscussionPost,
    Panel,
    PanelMember,
    PanelOpinion,
    PanelStatus,
)
from .receipt import Admission, PackageReceipt, ReceiptStatus, ReviewEvent
from .scoring import Criterion, PanelResult, Rubric, Score, ScoreSheet, SheetStatus

__all__ = [
    "Admission", "Assignment", "Attendance", "ConflictDeclaration",
    "Criterion", "Decision", "DecisionItem", "DefenceSlot", "DiscussionPost", "Expert", "Filing", "FilingStatus",
    "NoticeStatus", "Objection", "ObjectionOutcome", "ObjectionStatus", "PackageReceipt",
    "Panel", "PanelMember", "PanelOpinion", "PanelResult", "PanelStatus", "PublicNotice", "ReceiptStatus",
    "ReviewEvent", "Rubric", "Score", "ScoreSheet", "SheetStatus",
]
