"""The receipt page's figures in one statement (issue 20 §4): each recommender of the call with
its package, contact, the quota, forwarded and admitted count of each kind, and its latest
receipt. Written as SQL built once per database and number of kinds: the same reads as three
ORM querysets (four filtered joins, a grouped count, the receipts) cost more to compile than
the database took to answer them. Portable (PostgreSQL and SQLite: `make run`): joins, a
grouped subquery with COUNT(CASE WHEN …), a NOT EXISTS for the latest receipt; only our own
models' quoted table and column names go into the text, every value is a parameter."""

import functools

from django.db import connection

from calls.models import Call
from declare.models import Application, ApplicationStatus
from orgs.models import Organisation
from quotas.models import ContactPerson, Quota, RecommendationPackage

from .models import Admission, PackageReceipt


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _c(model, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


def _kind_parts(n: int) -> tuple[list[str], str, list[str]]:
    """Per kind i: its columns, its quota in the grouped quota subquery (one join for every
    kind: 0.4 ms of PostgreSQL planning less than a join per kind; MAX of the one quota per call,
    recommender and kind, constraint quota_unique) and its two counts."""
    org, quota, app = Organisation, Quota, Application
    cols, amounts, counts = [], [], []
    for i in range(n):
        cols.append(f"q.q{i}, n.f{i}, n.a{i}")
        amounts.append(f"MAX(CASE WHEN qq.{_c(quota, 'kind')} = %s "
                       f"THEN qq.{_c(quota, 'amount')} END) AS q{i}")
        counts.append(f"COUNT(CASE WHEN a.{_c(app, 'kind')} = %s AND a.{_c(app, 'status')} = %s "
                      f"THEN 1 END) AS f{i}, COUNT(CASE WHEN a.{_c(app, 'kind')} = %s "
                      f"THEN ad.{_c(Admission, 'id')} END) AS a{i}")
    rec = f"qq.{_c(quota, 'recommender')}"
    join = (f"LEFT JOIN (SELECT {rec} AS rec, {', '.join(amounts)} FROM {_t(quota)} qq "  # noqa: S608  # nosec B608
            f"WHERE qq.{_c(quota, 'call')} = %s GROUP BY {rec}) q ON q.rec = o.{_c(org, 'id')}")
    return cols, join, counts


@functools.cache
def statement(vendor: str, n_kinds: int, n_statuses: int) -> str:
    org, app, pkg, contact, rc = (Organisation, Application, RecommendationPackage,
                                  ContactPerson, PackageReceipt)
    through = Call.recommenders.through
    cols, quotas, counts = _kind_parts(n_kinds)
    oid = f"o.{_c(org, 'id')}"

    def r(alias: str, field: str) -> str:
        return f"{alias}.{_c(rc, field)}"

    def later(field: str, op: str) -> str:
        return f"{r('r2', field)} {op} {r('r', field)}"
    # the recommender's latest receipt (latest decided, then highest id) as the one no later
    # receipt exists for: 0.35 ms of PostgreSQL CPU less than three correlated LIMIT 1 subqueries
    latest = (f"LEFT JOIN {_t(rc)} r ON {r('r', 'call')} = %s "  # noqa: S608  # nosec B608
              f"AND {r('r', 'recommender')} = {oid} AND NOT EXISTS (SELECT 1 FROM {_t(rc)} r2 WHERE {later('call', '=')} "
              f"AND {later('recommender', '=')} AND ({later('decided_at', '>')} "
              f"OR ({later('decided_at', '=')} AND {later('id', '>')})))")
    marks = ", ".join(["%s"] * n_statuses)
    return (
        f"SELECT {oid}, o.{_c(org, 'name')}, o.{_c(org, 'short_name')}, "  # noqa: S608  # nosec B608
        f"p.{_c(pkg, 'status')}, p.{_c(pkg, 'submitted_at')}, c.{_c(contact, 'name')}, "
        f"c.{_c(contact, 'phone')}, "
        f"{', '.join(r('r', f) for f in ('status', 'refused_count', 'reasons'))}, "
        f"{', '.join(cols)} FROM {_t(org)} o "
        f"JOIN {_t(through)} cr ON cr.{_c(through, 'organisation')} = {oid} "
        f"AND cr.{_c(through, 'call')} = %s {latest} "
        f"LEFT JOIN {_t(pkg)} p ON p.{_c(pkg, 'recommender')} = {oid} "
        f"AND p.{_c(pkg, 'call')} = %s "
        f"LEFT JOIN {_t(contact)} c ON c.{_c(contact, 'recommender')} = {oid} "
        f"AND c.{_c(contact, 'call')} = %s "
        f"{quotas} "
        f"LEFT JOIN (SELECT u.{_c(org, 'parent')} AS rec, {', '.join(counts)} "
        f"FROM {_t(app)} a JOIN {_t(org)} u ON u.{_c(org, 'id')} = a.{_c(app, 'unit')} "
        f"LEFT JOIN {_t(Admission)} ad ON ad.{_c(Admission, 'application')} = a.{_c(app, 'id')} "
        f"WHERE a.{_c(app, 'call')} = %s AND a.{_c(app, 'status')} IN ({marks}) "
        f"GROUP BY u.{_c(org, 'parent')}) n ON n.rec = {oid} "
        f"ORDER BY o.{_c(org, 'kind')}, o.{_c(org, 'division_code')}, o.{_c(org, 'name')}")


def params(call_pk: int, kinds: list[str], received) -> list:
    """The statement's parameters, in the order of its placeholders."""
    quotas = [*kinds, call_pk]
    counts = [v for kind in kinds for v in (kind, ApplicationStatus.FORWARDED, kind)]
    return [call_pk, call_pk, call_pk, call_pk, *quotas, *counts, call_pk,
            *received]


def _read_datetime(model, name: str):
    """What the ORM does to a datetime column as it reads it (SQLite returns text)."""
    field = model._meta.get_field(name)
    col = field.get_col(model._meta.db_table)
    converters = [*connection.ops.get_db_converters(col), *field.get_db_converters(connection)]

    def read(value):
        for convert in converters:
            value = convert(value, col, connection)
        return value
    return read


def recommender_figures(call, received) -> list[tuple]:
    """Per recommender, in the page's order: (pk, name, short_name, package status,
    submitted_at, contact name, contact phone, receipt status, refused count, reasons), then
    quota, forwarded and admitted of each of call.kinds; `received`: the statuses at the region
    (an admitted application is accepted, approved or rejected)."""
    kinds = call.kinds
    with connection.cursor() as cursor:
        cursor.execute(statement(connection.vendor, len(kinds), len(received)),
                       params(call.pk, kinds, received))
        rows = cursor.fetchall()
    read = _read_datetime(RecommendationPackage, "submitted_at")
    return [(*row[:4], read(row[4]), *row[5:]) for row in rows]
