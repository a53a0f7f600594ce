"""The inbox's page: its rows and the paginator's count in one query, each row's HTML."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from calls.choices import ProjectKind
from declare.models import ApplicationStatus

from . import rules

# What get_kind_display / get_status_display print (the enums' labels, the value itself when
# unknown), without rebuilding a hashable dict of the field's choices twice per row.
_KINDS, _STATUSES = dict(ProjectKind.choices), dict(ApplicationStatus.choices)


def inbox_page(queryset, number, per_page: int) -> Page:
    """Paginator(queryset, per_page).get_page(number), counted by a `COUNT(pk) OVER ()` window
    on the page's own slice instead of a COUNT query before it (PostgreSQL, and SQLite ≥ 3.25
    for `make run`). The window counts the filtered rows before LIMIT, so the queryset must not
    be DISTINCT (quotas.forms.InboxFilter filters by EXISTS). A slice that comes back empty — a
    page past the end, an empty inbox — is left to get_page, which counts and falls back to
    the last page as before."""
    paginator = Paginator(queryset, per_page)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1  # as get_page: not a number is the first page
    if number >= 1:
        bottom = (number - 1) * per_page
        rows = list(queryset.annotate(page_total=Window(Count("pk")))[bottom:bottom + per_page])
        if rows:
            paginator.count = rows[0].page_total  # the cached_property, set: no COUNT query
            return Page(rows, number, paginator)
    return paginator.get_page(number)


# One inbox row as quotas/inbox.html printed it, built with format_html (every value escaped):
# twenty rows through the template's tags and lookups cost more than the page's queries.
_ROW = ('\n    <tr data-app="{}">\n      <td><a href="{}">{}</a></td>\n      <td>{}</td>\n'
        '      <td>{}<br><small>{}</small></td>\n      <td>{}</td>\n'
        '      <td><span class="badge status-{}">{}</span>{}</td>\n      <td>{}</td>\n'
        '      <td>{}</td>\n      <td class="actions">\n        {}\n'
        '        <a class="btn small" href="{}">查看</a>\n      </td>\n    </tr>\n  ')
_FULL = '\n        <button class="btn small" type="button" disabled title="{}">名额已满</button>\n        '
_FULL_WHY = "本类项目推荐名额已用完：如需推荐，请先打开一个已推荐的项目，撤销其初评结论"
_RECOMMEND = ('\n        <form method="post" action="{}recommend/">{}<button class="btn small primary" '
              'type="submit">推荐</button></form>\n        ')
_NO_FINDINGS = format_html('<span class="muted">{}</span>', "无")
_COMPLETE = format_html('<span class="badge ok">{}</span>', "完整")
# safe: a constant tag, no data in it
_BR = mark_safe("<br>")  # noqa: S308  # nosec B308 B703


def inbox_row(app, package, url: str, majors, full_kinds, csrf_input: str) -> dict:
    """What one inbox row shows (`app` from quotas.selectors.inbox_rows: `unit_name`, `rank`
    annotated; `occupations` and `complete_keys` set by attach_row_facts), its HTML in
    `html`; `csrf_input` is the page's one hidden token field (django's csrf_input), not a new
    masked token per row."""
    app.call = package.call  # the package's: not joined again for each row (selectors.ROW_FIELDS)
    missing = rules.missing_sections(app, len(app.occupations))
    findings = rules.findings(app, majors, app.occupations)
    recommend = ("" if "recommend" not in rules.allowed_actions(app, package)
                 else "full" if app.kind in full_kinds else "open")
    action = (format_html(_FULL, _FULL_WHY) if recommend == "full"
              else format_html(_RECOMMEND, url, csrf_input) if recommend else "")
    html = format_html(
        _ROW, app.pk, url, app.reference, app.unit_name, _KINDS.get(app.kind, app.kind),
        app.category_label,
        format_html_join(_BR, "{}（{}）", ((name, code) for code, name in app.occupations)),
        app.status, _STATUSES.get(app.status, app.status),
        format_html("<br><small>推荐顺序第 {} 位</small>", app.rank) if app.rank is not None else "",
        render_to_string("quotas/_findings.html", {"findings": findings}) if findings
        else _NO_FINDINGS,
        format_html('<span class="badge bad" title="{}">缺 {} 项</span>', "、".join(missing),
                    len(missing)) if missing else _COMPLETE,
        action, url)
    return {"app": app, "url": url, "findings": findings, "missing": missing, "html": html}
