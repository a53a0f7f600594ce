"""Predicates of the recommenders' 初评: who may act, and what keeps a package from going out."""

from calls.rules import panel_size_problem
from declare.eligibility.conditions import category_finding
from declare.eligibility.outcomes import PASS, Finding
from declare.schema import form_for
from declare.workflow import APPLICATION
from orgs.policy import reviews_call
from orgs.roles import Role
from orgs.selectors import has_role


def can_recommend(user, recommender) -> bool:
    """A recommender user of that very organisation (推荐单位)."""
    return has_role(user, Role.RECOMMENDER, recommender)


def can_oversee(user, call) -> bool:
    """A reviewer of the organisation that issued the call (orgs.policy)."""
    return reviews_call(user, call)


# The application actions the recommender takes on its 初评 page (labels and states in
# declare.workflow.APPLICATION).
RECOMMENDER_ACTIONS = ("recommend", "not_recommend", "undo_decision", "return")


def allowed_actions(application, package) -> set[str]:
    """The 初评 actions the page offers for this application now (the server re-checks): none
    once the package is submitted or its deadline has passed (read-only pages)."""
    if not package.is_writable():
        return set()
    return {a.name for a in APPLICATION.allowed(application) if a.name in RECOMMENDER_ACTIONS}


def category_findings(application, majors=None, occupations=None) -> list[Finding]:
    """105号 二(四) as the applicant's 资格预审 states it (declare.eligibility.check_category),
    shown to the recommender when it is not 符合 — same verdict, same wording, with the
    applicant's 情况说明. A list passes the 大类 names (declare.eligibility.major_labels) read
    once for the page and each row's (code, name) occupations (quotas.selectors
    .attach_row_facts); else the rule reads the application's specialities."""
    finding = category_finding(application, majors, occupations)
    return [] if finding.outcome == PASS else [finding]


def findings(application, majors=None, occupations=None) -> list[Finding]:
    return category_findings(application, majors, occupations)


def missing_sections(application, specialities: int | None = None) -> list[str]:
    """Headings of the sections of the form not yet complete (from `complete_keys` set by
    quotas.selectors.attach_row_facts or attach_section_states, else the sections);
    `specialities` the number declared when the caller has it, else counted."""
    done = getattr(application, "complete_keys", None)
    if done is None:
        done = {s.key for s in application.sections.all() if s.complete}
    n = (len(application.specialities.all()) if specialities is None else specialities) or 1
    return [heading for key, heading in form_for(application).headings(application.kind, n)
            if key not in done]


def is_complete(application) -> bool:
    return not missing_sections(application)


REPORT_TEXT_FIELDS = ("procedure", "method", "notice_place", "notice_result", "objections",
                      "meeting_conclusion", "discipline_opinion")
REPORT_DATE_FIELDS = ("notice_start", "notice_end", "meeting_date")


def notice_dates_problem(start, end) -> str | None:
    """The 推荐报告's 公示 period: it cannot end before it starts (the form asks this too)."""
    if start and end and end < start:
        return "公示结束日期不能早于公示开始日期。"
    return None


def report_problems(report, call) -> list[str]:
    """What the 推荐报告 still lacks (105号 四(一)1(1); experts: 附件3 表5 说明)."""
    if report is None:
        return ["尚未填写推荐报告。"]
    out = []
    meta = type(report)._meta
    for name in (*REPORT_TEXT_FIELDS, *REPORT_DATE_FIELDS):
        value = getattr(report, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            out.append(f"推荐报告未填写“{meta.get_field(name).verbose_name}”。")
    dates = notice_dates_problem(report.notice_start, report.notice_end)
    if dates:
        out.append(dates)
    out.extend(expert_problems(len(report.experts.all()), call))
    if not any(s.kind == "report" for s in report.scans.all()):
        out.append("尚未上传签字盖章的推荐报告扫描件。")
    return out


def expert_problems(count: int, call) -> list[str]:
    """附件3 表5: the recommender's expert group obeys the panel's own rule (≥ N and odd)."""
    problem = panel_size_problem(call, count)
    return [problem] if problem else []
