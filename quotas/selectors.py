import functools

from django.db import connection
from django.db.models import CharField, Count, F, IntegerField, QuerySet, Value
from django.shortcuts import get_object_or_404
from django.utils import timezone

from calls.choices import ProjectKind
from calls.models import Call
from calls.selectors import calls_for_recommender
from declare.models import Application, ApplicationStatus, Section, Speciality
from orgs.models import Organisation
from orgs.policy import overseen_issuer_ids, reviewed_issuer_ids
from orgs.roles import Role
from orgs.selectors import organisation_ids_for, organisations_for

from .annex2 import annex2_rows  # noqa: F401 - part of this module's public interface
from .models import (
    ContactChangeRequest,
    ContactPerson,
    PackageEvent,
    Quota,
    Recommendation,
    RecommendationPackage,
    RecommendationReport,
    ReportScan,
)


def quota_table(call) -> list[dict]:
    """附件1 rows: one per recommender with its base and studio quota, in table order."""
    rows: dict[int, dict] = {}
    for q in Quota.objects.filter(call=call).select_related("recommender"):
        row = rows.setdefault(q.recommender_id, {"recommender": q.recommender})
        row[q.kind] = q.amount
    return list(rows.values())


def quotas_of(call, recommender) -> QuerySet[Quota]:
    return Quota.objects.filter(call=call, recommender=recommender)


def quota_amount(call, recommender, kind) -> int:
    q = Quota.objects.filter(call=call, recommender=recommender, kind=kind).first()
    return q.amount if q else 0


# ---------------------------------------------------------------- recommenders' 初评 --------

INBOX_STATUSES = tuple(s for s in ApplicationStatus.values if s != ApplicationStatus.DRAFT)


def recommenders_of(user) -> QuerySet[Organisation]:
    return organisations_for(user, Role.RECOMMENDER)


def recommender_ids_of(user):
    """recommenders_of as ids (a set within a request), for `recommender__in=` without a
    nested subquery."""
    return organisation_ids_for(user, Role.RECOMMENDER)


def packages_of(user) -> list[RecommendationPackage]:
    """One package per (recommender the user acts for × call it takes part in)."""
    out = []
    for org in recommenders_of(user).order_by("kind", "division_code", "name"):
        for call in calls_for_recommender(org).order_by("-year", "title"):
            out.append(_package(call, org))
    return out


def _package(call, recommender) -> RecommendationPackage:
    """The pair's package: made when the recommender was added to the call (quotas.receivers),
    so reading never writes. The call and recommender already read are reused, not joined
    and built again."""
    package = get_object_or_404(RecommendationPackage, call=call, recommender=recommender)
    package.call, package.recommender = call, recommender
    return package


def access_package(user, recommender_pk, call_pk) -> RecommendationPackage:
    """The package of a recommender the user acts for, in a call it takes part in; else 404.
    One query: the package with its call and recommender, scoped by both rules."""
    return get_object_or_404(
        RecommendationPackage.objects.select_related("call", "recommender").filter(
            recommender__in=recommender_ids_of(user),
            call__in=calls_for_recommender(recommender_pk)),
        recommender_id=recommender_pk, call_id=call_pk)


def attach_section_states(applications):
    """Set `complete_keys` (the keys of complete sections) on each application in one query of
    (id, key) pairs: a list needs only the ticks, not the section JSON with its long texts nor
    twenty Section objects per row. quotas.rules.missing_sections reads it when present. (Not an
    ArraySubquery in the rows' own query: that is PostgreSQL only, and `make run` is SQLite.)"""
    done: dict[int, set[str]] = {a.pk: set() for a in applications}
    for app_id, key in _complete_sections(list(done)).values_list("application_id", "key"):
        done[app_id].add(key)
    for app in applications:
        app.complete_keys = done[app.pk]
    return applications


def _complete_sections(application_ids) -> QuerySet[Section]:
    """The complete sections of the applications `application_ids`, unordered: the ticks of a
    list (attach_section_states, attach_row_facts)."""
    return Section.objects.filter(application__in=application_ids, complete=True).order_by()


def _of_package(package) -> QuerySet[Application]:
    return (Application.objects
            .filter(call=package.call, unit__parent=package.recommender,
                    status__in=INBOX_STATUSES)
            .order_by("kind", "unit__name", "reference"))


def inbox_applications(package, *, with_data: bool = False) -> QuerySet[Application]:
    """The applications of the recommender's applicant units in the call, never drafts; the
    list reads inbox_rows instead."""
    qs = _of_package(package).select_related("unit", "recommendation", "call")
    if with_data:
        return qs.prefetch_related("specialities__occupation", "sections")
    return qs.prefetch_related("specialities__occupation")


# What an inbox row shows and its rules read (quotas.inbox.inbox_row; quotas.rules findings,
# missing_sections, allowed_actions): not the timestamps, versions, creator nor the unit's
# codes. The call is the package's (the row sets it), not joined again for each row; the
# unit's name and the recommendation's rank are annotated values, not objects built per row.
ROW_FIELDS = ("call_id", "kind", "category", "tier", "status", "reference", "explanations")


def inbox_rows(package) -> QuerySet[Application]:
    """inbox_applications as the list shows them: ROW_FIELDS with `unit_name` and `rank`; the
    page's specialities and section states by attach_row_facts."""
    return (_of_package(package).only(*ROW_FIELDS)
            .annotate(unit_name=F("unit__name"), rank=F("recommendation__rank")))


def attach_row_facts(applications):
    """Set `occupations` (the (code, name) pairs of the specialities, in order: what the row
    shows and declare.eligibility's category rule reads) and `complete_keys` (as
    attach_section_states) on each application, in ONE query of plain values: the specialities
    (tagged 0) and the complete sections' keys (tagged 1) as a UNION ALL, not a prefetch that
    builds a Speciality and an Occupation per line nor a second query for the keys."""
    occupations: dict[int, list] = {a.pk: [] for a in applications}
    done: dict[int, set[str]] = {a.pk: set() for a in applications}
    if applications:
        text, number = CharField(), IntegerField()
        specialities = (Speciality.objects.filter(application__in=list(done)).order_by()
                        .values_list("application_id", Value(0, output_field=number), "position",
                                     "occupation__code", "occupation__name"))
        sections = _complete_sections(list(done)).values_list(
            "application_id", Value(1, output_field=number), Value(0, output_field=number),
            "key", Value("", output_field=text))
        for app_id, tag, position, code, name in specialities.union(sections, all=True):
            if tag:
                done[app_id].add(code)
            else:
                occupations[app_id].append((position, code, name))
    for app in applications:
        app.occupations = [(code, name) for _, code, name in sorted(occupations[app.pk])]
        app.complete_keys = done[app.pk]
    return applications


def inbox_application(package, pk) -> Application:
    return get_object_or_404(inbox_applications(package, with_data=True), pk=pk)


def quota_usage(package) -> list[dict]:
    """Per kind offered: "已推荐 used / 名额 amount". One prebuilt statement for every package
    page's header: the quotas (tagged 1) and the recommendations counted per kind (tagged 0)
    as a UNION ALL (the same two reads as ORM querysets cost more to compile than to run)."""
    with connection.cursor() as cursor:
        cursor.execute(_usage_statement(connection.vendor), [
            package.call_id, package.recommender_id, package.pk])
        found: dict[tuple[int, str], int] = {(q, k): n for q, k, n in cursor.fetchall()}
    return [{"kind": k, "label": ProjectKind(k).label, "used": found.get((0, k), 0),
             "amount": found.get((1, k), 0)} for k in package.call.kinds]


@functools.cache
def _usage_statement(vendor: str) -> str:
    """quota_usage's SQL (portable: PostgreSQL and SQLite; only our own models' quoted table
    and column names in the text, every value a parameter), built once per database."""
    def t(model):
        return connection.ops.quote_name(model._meta.db_table)

    def c(model, name):
        return connection.ops.quote_name(model._meta.get_field(name).column)
    q, r = Quota, Recommendation
    return (f"SELECT 1, {c(q, 'kind')}, {c(q, 'amount')} FROM {t(q)} "  # noqa: S608  # nosec B608
            f"WHERE {c(q, 'call')} = %s AND {c(q, 'recommender')} = %s "
            f"UNION ALL SELECT 0, {c(r, 'kind')}, COUNT({c(r, 'id')}) FROM {t(r)} "
            f"WHERE {c(r, 'package')} = %s GROUP BY {c(r, 'kind')}")


def ranking(package, kind) -> list[Recommendation]:
    items = list(package.recommendations.filter(kind=kind)
                 .select_related("application__unit")
                 .prefetch_related("application__specialities__occupation")
                 .order_by("rank"))
    attach_section_states([r.application for r in items])
    return items


def report_of(package) -> RecommendationReport | None:
    return (RecommendationReport.objects.filter(package=package)
            .prefetch_related("experts", "scans").first())


def scan_of(package, pk) -> ReportScan:
    return get_object_or_404(ReportScan.objects.filter(report__package=package), pk=pk)


def contact_requests_of_call(call) -> QuerySet[ContactChangeRequest]:
    """The 联系人 change requests of a call's packages, newest first (the region's page)."""
    return (ContactChangeRequest.objects.filter(package__call=call)
            .select_related("package__recommender", "requested_by", "decided_by")
            .order_by("-requested_at", "-id"))


def contact_request_of(package, pk) -> ContactChangeRequest:
    return get_object_or_404(ContactChangeRequest.objects.filter(package=package), pk=pk)


def contact_of(call, recommender) -> ContactPerson | None:
    return ContactPerson.objects.filter(call=call, recommender=recommender).first()


def package_timeline(package) -> QuerySet[PackageEvent]:
    return package.events.select_related("actor", "application").order_by("-created_at", "-id")


# ---------------------------------------------------------------- the region -----------------

def access_call_for_region(user, call_pk, *, act: bool = False) -> Call:
    """A call whose issuing organisation the user oversees (reads: reviewer or administrator;
    `act`: reviewer only, orgs.policy); else 404."""
    return get_object_or_404(calls_for_region(user, act=act), pk=call_pk)


def calls_for_region(user, *, act: bool = False) -> QuerySet[Call]:
    """The calls whose region pages `user` reads (orgs.policy.overseen_issuer_ids) or, with
    `act`, acts on (orgs.policy.reviewed_issuer_ids)."""
    ids = reviewed_issuer_ids(user) if act else overseen_issuer_ids(user)
    return Call.objects.filter(issuer__in=ids)


def access_region_package(user, call_pk, recommender_pk, *, act: bool = False
                          ) -> RecommendationPackage:
    call = access_call_for_region(user, call_pk, act=act)
    recommender = get_object_or_404(call.recommenders.all(), pk=recommender_pk)
    return _package(call, recommender)


def region_overview(call) -> list[dict]:
    """Every recommender of the call: its package, recommendations and contact person."""
    packages = {p.recommender_id: p for p in call.packages.annotate(
        n_recommended=Count("recommendations"))}
    contacts = {c.recommender_id: c for c in call.contacts.select_related("call")}
    overdue = bool(call.contact_due) and timezone.localdate() > call.contact_due
    rows = []
    for rec in call.recommenders.order_by("kind", "division_code", "name"):
        contact = contacts.get(rec.pk)
        rows.append({"recommender": rec, "package": packages.get(rec.pk), "contact": contact,
                     "contact_overdue": contact is None and overdue,
                     "contact_late": bool(contact and contact.is_late)})
    return rows
