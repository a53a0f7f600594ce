"""When a project may apply for acceptance (验收申请, 鄂人社发〔2022〕100号 七(二)): not before a
share of its construction period has passed since the funds were released (the call's
threshold `base_acceptance_min_months` / `studio_acceptance_min_months`), and only with every
验收要点 reported on and its spending recorded. The service refuses with these messages; the
apply page lists them before anything is typed."""

from datetime import date

from calls.choices import ProjectKind
from core.dates import add_months
from declare.schema import chinese_date


def min_months(project) -> int:
    key = ("base_acceptance_min_months" if project.kind == ProjectKind.BASE
           else "studio_acceptance_min_months")
    return project.call.threshold(key)


def earliest_application(project) -> date | None:
    if project.released_on is None:
        return None
    return add_months(project.released_on, min_months(project))


def acceptance_problems(project, *, today: date) -> list[str]:
    """What still keeps `project` from applying for acceptance on `today` (empty: nothing)."""
    if project.released_on is None:
        return ["项目资金尚未下达，不能申请验收。"]
    out = []
    earliest = earliest_application(project)
    if today < earliest:
        out.append(f"资金下达（{chinese_date(project.released_on)}）后满{min_months(project)}个月"
                   "方可申请验收，"
                   f"最早 {chinese_date(earliest)}。")
    milestones = list(project.milestones.all())
    if not milestones:
        out.append("项目尚无验收要点，不能申请验收。")
    unreported = [m for m in milestones if not m.reports.exists()]
    if unreported:
        out.append(f"尚有 {len(unreported)} 个验收要点未报告建设进展"
                   f"（如：{unreported[0]}）。")
    if not project.spendings.exists():
        out.append("尚未登记资金支出，请先在“资金使用”中登记。")
    return out
