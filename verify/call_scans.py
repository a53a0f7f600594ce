"""The receipt page's 盖章扫描件核对 table: the call's applications at the region, each with its
latest scan's verdict. One query (the applications through the access policy, the latest scan's
columns as correlated LIMIT 1 subqueries: a scan has no reverse relation to join) and the
table's markup built here, every value escaped: two ORM queries and a template loop over a
region's hundreds of rows were a quarter of the receipt page (issue 20)."""

from html import escape

from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.links import row_url
from declare.models import Application, ApplicationStatus
from declare.selectors import applications_visible_to

from .badges import badge
from .models import SealedScan

AT_REGION = (ApplicationStatus.FORWARDED, ApplicationStatus.ACCEPTED, ApplicationStatus.APPROVED,
             ApplicationStatus.REJECTED)


def _latest_scan(field: str, output_field: models.Field) -> RawSQL:
    """A column of the application's latest scan (the highest id: a later scan replaces an
    earlier), for the row of the applications' query (whose table the ORM does not alias)."""
    q, scan, app = connection.ops.quote_name, SealedScan._meta, Application._meta
    column = q(scan.get_field(field).column)
    sql = (f"SELECT s.{column} FROM {q(scan.db_table)} s "  # noqa: S608  # nosec B608
           f"WHERE s.{q(scan.get_field('application').column)} = "
           f"{q(app.db_table)}.{q(app.pk.column)} ORDER BY s.{q(scan.pk.column)} DESC LIMIT 1")
    # Only our models' quoted table and column names are in the text; it takes no value.
    return RawSQL(sql, (), output_field=output_field)  # noqa: S611  # nosec B611


def call_scans(call, user) -> list[dict]:
    """The call's applications at the region that `user` may see, in the table's order, each
    with its latest scan's verdict (badge and link) or None."""
    link = row_url("verify:scan")
    rows = []
    for pk, ref, unit, short, name, scan, status, verdict, error in (
            applications_visible_to(user).filter(call=call, status__in=AT_REGION)
            .order_by("unit__parent__name", "reference")
            .annotate(scan=_latest_scan("id", models.IntegerField()),
                      scan_status=_latest_scan("status", models.CharField()),
                      scan_verdict=_latest_scan("verdict", models.JSONField()),
                      scan_error=_latest_scan("error", models.CharField()))
            .values_list("pk", "reference", "unit__name", "unit__parent__short_name",
                         "unit__parent__name", "scan", "scan_status", "scan_verdict",
                         "scan_error")):
        # the line break: where the badge's include used to end
        verdict = None if scan is None else format_html(
            '{}\n <a href="{}">逐页结果</a>', badge(status, verdict, error), link(scan))
        rows.append({"pk": pk, "reference": ref, "unit": unit,
                     "recommender": short or name or "", "verdict": verdict})
    return rows


def scans_table(rows: list[dict]) -> SafeString:
    """What verify/_call_scans.html wrote for `rows`, byte for byte (nothing when empty)."""
    if not rows:
        return mark_safe("")  # noqa: S308  # nosec B308 B703: empty
    out = ['\n<h2 id="call-scans">盖章扫描件核对</h2>\n<table class="grid">\n  <thead><tr>'
           '<th>推荐单位</th><th>申报编号</th><th>项目申报单位</th><th>核对结果</th></tr>'
           '</thead>\n  <tbody>']
    for r in rows:
        verdict = r["verdict"] or '<span class="muted">未上传</span>'
        out.append(f'\n    <tr><td>{escape(str(r["recommender"]))}</td>'
                   f'<td>{escape(str(r["reference"]))}</td><td>{escape(str(r["unit"]))}</td>'
                   f'\n      <td>{verdict}</td></tr>\n  ')
    out.append("</tbody>\n</table>\n")
    # Safe to mark: every value went through escape(), the verdict is format_html's (escaped)
    # SafeString; the rest is fixed markup.
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703

