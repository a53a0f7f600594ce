"""复制上年申报 (issue 17 §6): which earlier application a unit may carry into a new call."""

from calls.choices import CallLevel
from core.dates import add_years
from projects.choices import ProjectStatus

from ..models import ApplicationStatus

# ---------------------------------------------------------------- 复制上年申报 (issue 17 §6)
# An earlier application a unit may start its new one from: one that was not selected
# (不予推荐 by the recommender, 未入选 at the review); at city level also a funded one whose
# project was accepted at least call.threshold("reapply_after_acceptance_years") years ago
# (鄂人社发〔2022〕100号 三(四): the city's rule; the national and regional notices have none).
NOT_SELECTED = (ApplicationStatus.NOT_RECOMMENDED, ApplicationStatus.REJECTED)
FUNDED = ApplicationStatus.APPROVED
REAPPLY_PARAGRAPH = "三(四)"                          # of the city notice (鄂人社发〔2022〕100号)


def carry_source_problem(source, call, *, today) -> str:
    """Why `source` may not be carried into `call` ("" when it may): the same unit's earlier
    call, the same kind, and not selected — or, at city level, accepted long enough ago to
    apply again. Every citation is the new call's own notice (calls.wording)."""
    if source.call_id == call.pk or source.call.year >= call.year:
        return "只能复制以往年度申报批次中的申报。"
    if not call.offers(source.kind):
        return f"该申报批次不接受{source.get_kind_display()}申报。"
    if source.status in NOT_SELECTED:
        return ""
    city = call.level == CallLevel.CITY
    wording = call.wording
    if source.status != FUNDED or not city:
        allowed = ("不予推荐、未入选的申报，或验收合格满规定年限的项目"
                   f"（{wording.doc} {REAPPLY_PARAGRAPH}）") if city else "不予推荐、未入选的申报"
        what = ("该申报已获立项" if source.status == FUNDED
                else f"该申报状态为“{source.get_status_display()}”")
        return f"{what}，只有{allowed}可以复制（{wording.cite('conditions')}）。"
    citation = f"{wording.doc} {REAPPLY_PARAGRAPH}"
    project = getattr(source, "project", None)   # the reverse of projects.Project.application
    accepted_on = project.accepted_on if project is not None else None
    if project is None or project.status != ProjectStatus.ACCEPTED or accepted_on is None:
        return f"该申报已获立项，项目尚未验收合格，不能再次申报（{citation}）。"
    years = call.threshold("reapply_after_acceptance_years")
    due = add_years(accepted_on, years)
    if today < due:
        return (f"该项目于 {accepted_on:%Y-%m-%d} 验收合格，未满{years}年，"
                f"{due:%Y-%m-%d} 起方可再次申报（{citation}）。")
    return ""
