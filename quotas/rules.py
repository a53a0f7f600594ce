"""Predicates of the recommenders' 初评: who may act, and what keeps a package from going out."""

from declare.eligibility import PASS, Finding, category_finding
from declare.models import ApplicationStatus
from declare.schema import sections_for
from orgs.roles import Role
from orgs.selectors import has_role


def can_recommend(user, recommender) -> bool:
    """A recommender user of that very organisation (推荐单位)."""
    return has_role(user, Role.RECOMMENDER, recommender)


def can_oversee(user, call) -> bool:
    """A reviewer of the organisation that issued the call (the region)."""
    return has_role(user, Role.REVIEWER, call.issuer)


_S = ApplicationStatus
# The application transitions a recommender (or the region, on reopening) performs here:
# action → (allowed from statuses, to status). Returning for revision is declare's own
# (allowed from SUBMITTED only).
APP_TRANSITIONS = {
    "recommend": ((_S.SUBMITTED,), _S.RECOMMENDED),
    "not_recommend": ((_S.SUBMITTED, _S.RECOMMENDED), _S.NOT_RECOMMENDED),
    "undo_decision": ((_S.RECOMMENDED, _S.NOT_RECOMMENDED), _S.SUBMITTED),
    "forward": ((_S.RECOMMENDED,), _S.FORWARDED),
    "reopen": ((_S.FORWARDED,), _S.RECOMMENDED),
}
ACTION_LABELS = {"recommend": "推荐", "not_recommend": "不予推荐", "undo_decision": "撤销初评结论",
                 "forward": "报送自治区", "reopen": "退回重报"}


def allowed_actions(application, package) -> set[str]:
    """The 初评 actions the page offers for this application now (the server re-checks)."""
    if not package.is_editable:
        return set()
    out = {a for a, (froms, _to) in APP_TRANSITIONS.items()
           if a in ("recommend", "not_recommend", "undo_decision") and application.status in froms}
    if application.status == ApplicationStatus.SUBMITTED:
        out.add("return")
    return out


def category_findings(application) -> list[Finding]:
    """105号 二(四) as the applicant's 资格预审 states it (declare.eligibility.check_category),
    shown to the recommender when it is not 符合 — same verdict, same wording, with the
    applicant's 情况说明. Reads the prefetched specialities: no extra query per row."""
    finding = category_finding(application)
    return [] if finding.outcome == PASS else [finding]


def findings(application) -> list[Finding]:
    return category_findings(application)


def missing_sections(application) -> list[str]:
    """Headings of the sections of the form not yet complete (from `complete_keys` set by
    quotas.selectors.attach_section_states, else the sections)."""
    done = getattr(application, "complete_keys", None)
    if done is None:
        done = {s.key for s in application.sections.all() if s.complete}
    n = len(application.specialities.all()) or 1
    return [spec.heading or spec.title for spec in sections_for(application.kind, n)
            if spec.key not in done]


def is_complete(application) -> bool:
    return not missing_sections(application)


REPORT_TEXT_FIELDS = ("procedure", "method", "notice_place", "notice_result", "objections",
                      "meeting_conclusion", "discipline_opinion")
REPORT_DATE_FIELDS = ("notice_start", "notice_end", "meeting_date")


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
    if report.notice_start and report.notice_end and report.notice_end < report.notice_start:
        out.append("公示结束日期不能早于公示开始日期。")
    out.extend(expert_problems(len(report.experts.all()), call))
    if not any(s.kind == "report" for s in report.scans.all()):
        out.append("尚未上传签字盖章的推荐报告扫描件。")
    return out


def expert_problems(count: int, call) -> list[str]:
    least = call.threshold("panel_min_experts")
    out = []
    if count < least:
        out.append(f"专家人数不得少于{least}人（现为{count}人）。")
    if count % 2 == 0:
        out.append(f"专家人数应为单数（现为{count}人）。")
    return out
