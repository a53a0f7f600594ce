"""Eligibility rules fed by the post-award records: bans, open construction periods, the
Ordos re-application rule and 'already funded above city level'.

Each check takes (application, data) as declare.eligibility expects and returns
(outcome, reason); `register()` appends them to declare.eligibility.RULES, the city-only ones
limited to city-level calls. They read the unit's bans and projects through
projects.records.unit_records (cached; every write gives a new version).
"""

from dataclasses import dataclass

from django.utils import timezone

from calls.choices import CallLevel
from core.dates import add_years
from declare.eligibility.conditions import RULES
from declare.eligibility.outcomes import FAIL, PASS, Rule
from declare.schema import chinese_date

from .choices import OPEN_STATUSES, ProjectStatus
from .records import UnitRecords, unit_records

ABOVE_CITY = (CallLevel.NATIONAL, CallLevel.REGIONAL)


def _today():
    return timezone.localdate()


def _records(application, data) -> UnitRecords:
    """The unit's bans and projects, read once per evaluation (kept in `data.memo`, the
    declare.eligibility Inputs the rules share) however many of the rules below read them."""
    if data is None:
        return unit_records(application.unit_id)
    if "projects.records" not in data.memo:
        data.memo["projects.records"] = unit_records(application.unit_id)
    return data.memo["projects.records"]


def _others(application, data):
    """The unit's projects other than the one made from this application."""
    return [p for p in _records(application, data).projects
            if p.application_id != application.pk]


def ban_rule(application, data=None):
    """105号 五(二): fraud found → barred from applying for 3 years."""
    today = _today()
    ban = next((b for b in _records(application, data).bans if b.in_force_on(today)), None)
    if ban is None:
        return PASS, "本单位不在禁止申报名单内"
    return FAIL, (f"本单位因“{ban.get_reason_display()}”被取消申报资格，"
                    f"{chinese_date(ban.ends_on)}前不得申报培训基地和技能大师工作室建设项目")


def open_construction_rule(application, data=None):
    """105号 二(三): a unit with a national or regional project still in its construction
    period does not apply this year; at city level also a city project (100号 三(三))."""
    levels = ABOVE_CITY + ((CallLevel.CITY,) if application.call.level == CallLevel.CITY else ())
    project = next((p for p in _others(application, data) if p.status in OPEN_STATUSES
                    and p.level in levels), None)
    if project is None:
        return PASS, "本单位没有仍在建设期内的建设项目"
    until = f"（建设期至 {project.period_end:%Y-%m-%d}）" if project.period_end else ""
    return FAIL, (f"本单位的{project.get_level_display()}{project.get_kind_display()}"
                    f"仍在建设期内{until}，不参加当年申报")


def reapply_rule(application, data=None):
    """100号 三(四): at city level, a unit whose same project was accepted at least
    call.threshold("reapply_after_acceptance_years") years ago may apply again."""
    call = application.call
    accepted = [p for p in _others(application, data) if p.kind == application.kind
                and p.level == CallLevel.CITY and p.status == ProjectStatus.ACCEPTED]
    last = max(accepted, key=lambda p: p.accepted_on, default=None)
    if last is None:
        return PASS, "本单位没有已验收的同类市级建设项目"
    years = call.threshold("reapply_after_acceptance_years")
    again_from = add_years(last.accepted_on, years)
    if _today() >= again_from:
        return PASS, (f"本单位同类市级建设项目已于 {last.accepted_on:%Y-%m-%d} 验收合格满{years}年，"
                        "可以再次申报")
    return FAIL, (f"本单位同类市级建设项目于 {last.accepted_on:%Y-%m-%d} 验收合格，未满{years}年，"
                    f"{again_from:%Y-%m-%d} 起方可再次申报")


def funded_above_rule(application, data=None):
    """100号 三(二): a unit funded for the same kind of project at regional level or above
    does not apply for the city project."""
    project = next((p for p in _records(application, data).projects
                    if p.kind == application.kind and p.level in ABOVE_CITY and p.amount > 0),
                   None)
    if project is None:
        return PASS, "本单位未获得自治区级以上同类建设项目资金资助"
    return FAIL, (f"本单位已获评{project.get_level_display()}{project.get_kind_display()}"
                    "并获得资金资助，不再申报市级同一建设项目")


@dataclass(frozen=True)
class ProjectRule(Rule):
    """A declare.eligibility Rule that may be limited to calls of some levels."""

    levels: tuple[str, ...] = ()

    def applies_to(self, application) -> bool:
        return super().applies_to(application) and (
            not self.levels or application.call.level in self.levels)


PROJECT_RULES = (
    ProjectRule("projects.ban", "未被取消申报资格", "内人社办发〔2025〕105号 五(二)", ban_rule),
    ProjectRule("projects.open_construction", "无仍在建设期内的建设项目",
                "内人社办发〔2025〕105号 二(三)；鄂人社发〔2022〕100号 三(三)",
                open_construction_rule),
    ProjectRule("projects.reapply", "验收合格满规定年限方可再次申报", "鄂人社发〔2022〕100号 三(四)",
                reapply_rule, levels=(CallLevel.CITY,)),
    ProjectRule("projects.funded_above", "未获自治区级以上同一建设项目资金资助",
                "鄂人社发〔2022〕100号 三(二)", funded_above_rule, levels=(CallLevel.CITY,)),
)


def register() -> None:
    """Append our rules once (idempotent, so a second ready() does not double them)."""
    known = {rule.id for rule in RULES}
    RULES.extend(rule for rule in PROJECT_RULES if rule.id not in known)
