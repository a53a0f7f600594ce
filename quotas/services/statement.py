"""推荐单位对领办人业绩贡献的说明 (105号 二(二)): a leader below 一级/高级技师 may lead a studio
of a local-speciality craft only with the recommender's explanation of the leader's
contribution. The recommender writes it while the application is before it, and must have
written it before it recommends (decisions.recommend)."""

from django.db import transaction
from django.utils import timezone

from core.errors import DomainError
from declare.eligibility.conditions import evaluate
from declare.models import ApplicationStatus, EventAction
from declare.workflow import lock, note

from ._common import check_editable, check_recommender, lock_package
from .decisions import ensure_package

RULE = "studio.leader_level"
MAX_TEXT = 2000


def statement_needed(application) -> bool:
    """True when the leader rule waits for the recommender's explanation (or has one)."""
    return any(f.rule_id == RULE and f.explained_by == "recommender" and f.outcome == "explain"
               for f in evaluate(application))


def missing_statement(application) -> bool:
    return any(f.rule_id == RULE and f.awaits_recommender for f in evaluate(application))


@transaction.atomic
def save_leader_statement(application, *, by, text: str):
    """Store the recommender's explanation with the application's pre-check explanations and
    note it on the application's timeline."""
    package = lock_package(ensure_package(application.call, application.unit.parent))
    check_recommender(by, package)
    check_editable(package, timezone.now())
    app = lock(application)
    if app.status != ApplicationStatus.SUBMITTED:
        raise DomainError("只能在初评结论作出前填写说明。")
    if not statement_needed(app):
        raise DomainError("该申报的领办人无需推荐单位作出说明。")
    text = (text or "").strip()
    if not text:
        raise DomainError("请填写推荐单位对领办人业绩贡献的说明。", field="text")
    if len(text) > MAX_TEXT:
        raise DomainError(f"说明不能超过 {MAX_TEXT} 字。", field="text")
    app.explanations = {**(app.explanations or {}), RULE: text}
    app.save(update_fields=["explanations", "updated_at"])
    note(app, EventAction.EXPLAIN, by=by, comment=text, payload={"rule": RULE})
    application.explanations = app.explanations
    return app
