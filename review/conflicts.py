"""Conflict of interest (回避): who may never score which application, and why.

The one home of every conflict rule, as HotCRP keeps them: an expert never scores an
application when
- the expert works at the applicant unit (同一单位) or at its recommender;
- the expert's unit lies in the same 盟市 as the application's recommender (同一推荐地区:
  both walked up the organisation tree to their 盟市 / 计划单列市, see `region_of`) — for
  the region's calls; a 盟市's own call (鄂尔多斯市人社局) draws experts of that 盟市 for
  projects of that 盟市, so there the rule does not apply (the unit and recommender ones do);
- the expert's own unit has an application in the same panel (竞争单位: it competes with
  every project of the panel);
- the expert worked at, or collaborated with, the applicant unit in the last three years
  (recorded in the expert's profile: 曾任职单位, 近三年合作单位);
- the expert declared a conflict with the application (ConflictDeclaration).
Every reason is listed; the assignment never creates a conflicted pair.
"""

from calls.models import Call
from orgs.models import OrgKind

from .models import ConflictDeclaration, Expert

UNIT = "专家所在单位为项目申报单位"
RECOMMENDER = "专家所在单位为该项目的推荐单位"
REGION = "专家所在单位与项目同属{region}（同一推荐地区）"
RIVAL = "专家所在单位（{unit}）在本专家组有申报项目（竞争单位）"
PAST = "专家近三年曾在项目申报单位任职"
COLLABORATION = "专家近三年与项目申报单位有合作"
DECLARED = "本人声明回避：{reason}"

REGION_KINDS = (OrgKind.LEAGUE_CITY, OrgKind.PLANNED_CITY)


def region_of(org, _memo: dict | None = None):
    """The 盟市 (or 计划单列市) an organisation belongs to, walking up its parents; None for
    the region's own departments and units directly under it (区直)."""
    memo = {} if _memo is None else _memo
    if org is None:
        return None
    if org.pk in memo:
        return memo[org.pk]
    found = org if org.kind in REGION_KINDS else region_of(org.parent, memo)
    memo[org.pk] = found
    return found


class _Profiles:
    """The profile facts of a set of experts, read once (two queries)."""

    def __init__(self, experts):
        ids = [e.id for e in experts]
        self.past, self.collab = {}, {}
        for e, org in Expert.past_affiliations.through.objects.filter(
                expert_id__in=ids).values_list("expert_id", "organisation_id"):
            self.past.setdefault(e, set()).add(org)
        for e, org in Expert.collaborators.through.objects.filter(
                expert_id__in=ids).values_list("expert_id", "organisation_id"):
            self.collab.setdefault(e, set()).add(org)


def _reasons(expert, app, *, rivals, declared, profiles, regions, home) -> list[str]:
    out = []
    unit = app.unit
    if expert.organisation_id == app.unit_id:
        out.append(UNIT)
    if expert.organisation_id == unit.parent_id:
        out.append(RECOMMENDER)
    reason = declared.get((app.id, expert.id))
    if reason:
        out.append(DECLARED.format(reason=reason))
    if unit.pk in profiles.past.get(expert.id, ()):
        out.append(PAST)
    if unit.pk in profiles.collab.get(expert.id, ()):
        out.append(COLLABORATION)
    mine, theirs = region_of(expert.organisation, regions), region_of(unit, regions)
    if mine is not None and theirs is not None and mine.pk == theirs.pk and mine != home \
            and not {UNIT, RECOMMENDER} & set(out):
        out.append(REGION.format(region=mine.label.removesuffix("人力资源和社会保障局")))
    if expert.organisation_id in rivals and expert.organisation_id != app.unit_id:
        out.append(RIVAL.format(unit=expert.organisation.label))
    return out


def conflict_map(experts, applications) -> dict[tuple[int, int], str]:
    """{(application_id, expert_id): reasons} for every conflicted pair among `experts` and
    the applications of one panel (`applications`: all of them, since their units are the
    competing units). Three queries, whatever the size."""
    experts, applications = list(experts), list(applications)
    declared = {(a, e): r for e, a, r in ConflictDeclaration.objects.filter(
        expert__in=experts, application__in=applications,
    ).values_list("expert_id", "application_id", "reason")}
    profiles, regions = _Profiles(experts), {}
    rivals = {a.unit_id for a in applications}
    calls = {a.call_id for a in applications}
    home = None   # the 盟市 of a city's own call: no same-region rule inside it
    if calls:
        issuers = [c.issuer for c in Call.objects.filter(pk__in=calls).select_related("issuer")]
        homes = {region_of(i, regions) for i in issuers}
        home = homes.pop() if len(homes) == 1 else None
    out = {}
    for app in applications:
        for expert in experts:
            reasons = _reasons(expert, app, rivals=rivals, declared=declared,
                               profiles=profiles, regions=regions, home=home)
            if reasons:
                out[(app.id, expert.id)] = "；".join(reasons)
    return out


def conflict_reason(expert, application, panel_applications) -> str | None:
    """Why `expert` may not score `application` of a panel whose applications are
    `panel_applications`, or None."""
    apps = list(panel_applications)
    if all(a.id != application.id for a in apps):
        apps.append(application)
    return conflict_map([expert], apps).get((application.id, expert.id))
