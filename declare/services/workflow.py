"""The unit's and the recommender's own steps: submit, withdraw, return for revision, and
the explanations of pre-check findings.

Each step checks who acts and what the rules require, then moves the application through
declare.workflow.transition (lock, check the state against the one table, set, log).
Refusals raise DomainError with a Chinese message.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from calls.choices import CallStatus
from core.errors import DomainError

from .. import notices, rules
from ..diff import changed_keys, diff_readings
from ..eligibility.conditions import evaluate
from ..eligibility.outcomes import EXPLAIN, blocking
from ..models import Application, ApplicationEvent, ApplicationStatus, EventAction
from ..reading import PRINTED_FORM, render_sections
from ..schema import section_spec, sections_for
from ..workflow import APPLICATION, lock, note, transition
from .sections import completeness
from .snapshots import create_snapshot

MAX_TEXT = 2000

__all__ = ["flagged_sections", "lock", "resubmission", "return_for_revision",
           "save_explanation", "save_unchanged_reason", "submit_application",
           "withdraw_application"]


def _refresh(original: Application, changed: Application) -> None:
    for name in ("status", "submitted_at", "submitted_version", "explanations"):
        setattr(original, name, getattr(changed, name))


# ---------------------------------------------------------------- submit
def deadline_passed(call, now=None) -> bool:
    """The deadline second itself still counts (截止时间 is inclusive)."""
    return (now or timezone.now()) > call.deadline


def submission_problems(application: Application) -> list[str]:
    """Everything that stops the submission, as text (see `submission_items`)."""
    return [item["text"] for item in submission_items(application)]


def submission_items(application: Application) -> list[dict]:
    """Everything that stops the submission, each once with the page that fixes it ({text,
    url}): unfinished sections, missing materials, eligibility findings that fail or still need
    an explanation, and after 退回修改 each section the return names that is still as returned
    with no reason given (see `flagged_sections`). A material that may be typed into a section,
    and a finding that only says an input of an unfinished section is empty, are that section's
    gap, listed with it."""
    from .materials import checklist_status

    pk = application.pk
    rows = [r for r in completeness(application) if not r["complete"]]
    unfinished = {r["key"] for r in rows}
    items = [{"text": f"退回意见涉及的“{f['heading']}”尚未修改：请修改，或说明未修改的原因。",
              "url": f["url"]} for f in flagged_sections(application)
             if not f["changed"] and not f["reason"]]
    for r in rows:
        url = reverse("declare:section", args=[pk, r["key"]])
        if r["missing"]:
            items.append({"text": f"未填完：{r['summary']}", "url": url})
        if r["invalid"]:
            items.append({"text": f"填写有误，请修改：{r['invalid_summary']}", "url": url})
    for row in checklist_status(application):
        item = row["item"]
        if row["missing"] and not (item.alternative and item.alternative[0] in unfinished):
            items.append({"text": f"申报材料未上传：{item.label}",
                          "url": reverse("declare:materials", args=[pk]) + f"#item-{item.key}"})
    for f in blocking(evaluate(application)):
        if f.reason.startswith("未填写：") and _reads_from(f) in unfinished:
            continue
        if f.outcome == EXPLAIN:
            text = f"资格预审“{f.title}”需填写情况说明：{f.reason}"
        else:
            text = f"资格预审“{f.title}”不符合：{f.reason}"
        items.append({"text": text, "url": _finding_url(application, f)})
    return items


def _reads_from(finding) -> str:
    """The section whose empty input a "未填写" finding reports (技能大师信息 or 申报条件信息)."""
    return "master" if "技能大师信息" in finding.reason else "eligibility"


def _finding_url(application: Application, finding) -> str:
    if finding.reason.startswith("未填写："):
        return reverse("declare:section", args=[application.pk, _reads_from(finding)])
    return reverse("declare:precheck", args=[application.pk]) + f"#rule-{finding.rule_id}"


@transaction.atomic
def submit_application(application: Application, *, by) -> Application:
    """Submit to the recommender (105号 四(一)): only the unit's applicant users, only while
    draft/returned, before call.deadline, when every section is complete, every required
    material is present and no eligibility finding blocks. Freezes a new Snapshot version."""
    app = lock(application)
    if not rules.is_applicant_of(by, app):
        raise DomainError("只有本单位的申报用户可以提交申报。")
    APPLICATION.check(app, EventAction.SUBMIT)
    if app.call.status != CallStatus.OPEN:
        raise DomainError(f"申报批次当前状态为“{app.call.get_status_display()}”，不能提交。")
    if deadline_passed(app.call):
        deadline = timezone.localtime(app.call.deadline)
        raise DomainError(f"已超过申报截止时间（{deadline:%Y年%m月%d日 %H:%M:%S}），不能提交。")
    problems = submission_problems(app)
    if problems:
        raise DomainError("申报尚不满足提交条件，请处理以下事项后再提交。", problems)
    revision = _revision(app)
    app.submitted_at = timezone.now()
    app.submitted_version += 1
    snapshot = create_snapshot(app, by=by)
    payload = {"version": snapshot.version, "sha256": snapshot.sha256}
    if revision:
        payload["revision"] = revision
    app = transition(app, EventAction.SUBMIT, by=by, comment=f"提交版本 {snapshot.label}",
                     payload=payload,
                     submitted_at=app.submitted_at, submitted_version=app.submitted_version)
    notices.submitted(app)
    _refresh(application, app)
    return app


# ---------------------------------------------------------------- withdraw / return
def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(f"请填写{what}。")
    if len(value) > MAX_TEXT:
        raise DomainError(f"{what}不能超过 {MAX_TEXT} 字。")
    return value


@transaction.atomic
def withdraw_application(application: Application, *, by, reason: str) -> Application:
    """The unit takes a submitted application back to draft, before the recommender decides."""
    app = lock(application)
    if not rules.is_applicant_of(by, app):
        raise DomainError("只有本单位的申报用户可以撤回申报。")
    reason = _text(reason, "撤回原因")
    app = transition(app, EventAction.WITHDRAW, by=by, comment=reason)
    notices.withdrawn(app, reason)
    _refresh(application, app)
    return app


@transaction.atomic
def return_for_revision(application: Application, *, by, comments: str,
                        sections: list[str] | tuple = ()) -> Application:
    """The recommender (the unit's parent organisation) sends a submitted application back
    with comments, optionally naming the sections concerned; the unit fixes and resubmits."""
    app = lock(application)
    if not rules.is_recommender_of(by, app):
        raise DomainError("只有该单位所属推荐单位的用户可以退回申报。")
    comments = _text(comments, "退回意见")
    specs = sections_for(app.kind, app.specialities.count(), form=app)
    known = [s.key for s in specs]
    unknown = [s for s in sections if s not in known]
    if unknown:
        raise DomainError(f"申报表中没有栏目：{'、'.join(unknown)}。")
    app = transition(app, EventAction.RETURN, by=by, comment=comments,
                     payload={"sections": [k for k in known if k in sections]})
    notices.returned(app, comments, [s.heading for s in specs if s.key in sections])
    _refresh(application, app)
    return app


# ---------------------------------------------------------------- explanations, comments
@transaction.atomic
def save_explanation(application: Application, *, by, rule_id: str, text: str) -> Application:
    """The unit's explanation for a pre-check finding that needs one (outcome explain)."""
    app = lock(application)
    if not rules.can_edit(by, app):
        raise DomainError("申报当前不能修改。")
    finding = next((f for f in evaluate(app) if f.rule_id == rule_id), None)
    if finding is None:
        raise DomainError("资格预审中没有该事项。")
    if finding.explained_by != "unit":
        raise DomainError("该事项的说明由推荐单位填写。")
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise DomainError(f"情况说明不能超过 {MAX_TEXT} 字。")
    app.explanations = {**(app.explanations or {}), rule_id: text}
    app.save(update_fields=["explanations", "updated_at"])
    note(app, EventAction.EXPLAIN, by=by, comment=text, payload={"rule": rule_id})
    _refresh(application, app)
    return app


def latest_return(application: Application) -> ApplicationEvent | None:
    """The return that sent the application back, while it is still 退回修改."""
    if application.status != ApplicationStatus.RETURNED:
        return None
    return (application.events.filter(action=EventAction.RETURN)
            .select_related("actor", "actor_org").order_by("-created_at", "-id").first())


def revision_comments(application: Application) -> dict[str, list[str]]:
    """{section key: [comment]} of the recommender's latest return, for the section pages."""
    event = latest_return(application)
    if event is None:
        return {}
    return {key: [event.comment] for key in event.payload.get("sections", [])}


# ---------------------------------------------------------------- resubmission after 退回修改
def flagged_sections(application: Application) -> list[dict]:
    """While 退回修改: each section the latest return names, {key, heading, url, changed,
    reason}. Changed means it reads differently now than in the submitted version the return
    was made on (the reading in full, personal data included: declare.diff over
    declare.reading); reason is the unit's 未修改原因 given since the return ("" if none)."""
    event = latest_return(application)
    keys = event.payload.get("sections", []) if event else []
    snapshot = application.snapshots.filter(version=application.submitted_version).first() \
        if keys else None
    if snapshot is None:
        return []
    old = render_sections(snapshot, viewer=PRINTED_FORM)
    new = render_sections(application, viewer=PRINTED_FORM)
    changed = changed_keys(diff_readings(old, new))
    headings = {s["key"]: s["heading"] for s in (*old, *new)}
    reasons = unchanged_reasons(application, event)
    return [{"key": k, "heading": headings.get(k, k), "changed": k in changed,
             "reason": reasons.get(k, ""),
             "url": reverse("declare:section", args=[application.pk, k])} for k in keys]


def unchanged_reasons(application: Application, event: ApplicationEvent) -> dict[str, str]:
    """{section key: the unit's latest 未修改原因} given after the return `event`."""
    notes = application.events.filter(action=EventAction.UNCHANGED_REASON, id__gt=event.id)
    reasons = {}
    for n in notes.order_by("created_at", "id"):
        reasons[n.payload.get("section", "")] = n.comment
    return {k: v for k, v in reasons.items() if v}


@transaction.atomic
def save_unchanged_reason(application: Application, *, by, section: str,
                          text: str) -> Application:
    """The unit says why a section the return names is resubmitted unchanged (说明未修改原因);
    an empty text takes the reason back. Shown to the recommender with the resubmission."""
    app = lock(application)
    if not rules.can_edit(by, app):
        raise DomainError("申报当前不能修改。")
    event = latest_return(app)
    if event is None:
        raise DomainError("申报未被退回修改，无需说明未修改原因。")
    if section not in event.payload.get("sections", []):
        raise DomainError("退回意见未涉及该栏目。")
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise DomainError(f"未修改原因不能超过 {MAX_TEXT} 字。")
    note(app, EventAction.UNCHANGED_REASON, by=by, comment=text, payload={"section": section})
    _refresh(application, app)
    return app


def _revision(app: Application) -> dict | None:
    """What the SUBMIT event keeps of the return it answers (read by `resubmission`)."""
    event = latest_return(app)
    if event is None:
        return None
    flagged = flagged_sections(app)
    return {"return": event.id, "sections": [f["key"] for f in flagged],
            "unchanged": {f["key"]: f["reason"] for f in flagged if not f["changed"]}}


def resubmission(application: Application, version: int) -> dict | None:
    """For submitted version `version` when it answered a 退回修改: the return's comment, who
    returned it, and each section it named with the unit's 未修改原因 ("" when changed)."""
    submit = (application.events.filter(action=EventAction.SUBMIT, payload__version=version)
              .order_by("-id").first())
    revision = (submit.payload.get("revision") if submit else None) or None
    if revision is None:
        return None
    returned = (application.events.filter(pk=revision["return"])
                .select_related("actor", "actor_org").first())
    unchanged = revision.get("unchanged", {})
    return {"event": returned, "sections": [
        {"key": k, "heading": _heading(application, k), "changed": k not in unchanged,
         "reason": unchanged.get(k, "")} for k in revision.get("sections", [])]}


def _heading(application: Application, key: str) -> str:
    spec = section_spec(application.kind, key)
    return (spec.heading or spec.title) if spec else key
