"""Three parts of the expert's score sheet (review/sheet.html) built here: the 申报材料 list, the
申报条件核验 list (20 findings) and the score rows; as template loops they were a third of the page's template
time (issue 20 §4). The markup is the template's, byte for byte; every value goes through
what the template would do with it (localize, then escape)."""

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _v(value) -> str:
    """{{ value }} with autoescape on (django.template.base.render_value_in_context)."""
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def materials_html(rows: list[dict], assignment_pk: int) -> SafeString:
    """The 申报材料 list (declare.services.materials.checklist_for_experts' rows), each file a
    link to review:sheet_material, or the line saying there is none."""
    if not rows:
        return mark_safe('<p class="help">申报单位未上传附件材料。</p>')  # noqa: S308  # nosec B308 B703: fixed markup
    items = []
    for r in rows:
        links = "、".join(
            f'<a href="{_v(reverse("review:sheet_material", args=(assignment_pk, m.pk)))}">'
            f"{_v(m.title)}</a>" for m in r["files"])
        items.append(f"<li>{_v(r['item'].label)}：{links}</li>")
    # Safe to mark: every value above went through _v (escaped); the rest is fixed markup.
    return mark_safe(f"<ul>{''.join(items)}</ul>\n    ")  # noqa: S308  # nosec B308 B703


def findings_html(findings) -> SafeString:
    """The pre-check's findings box, or nothing when no rule applies."""
    if not findings:
        return mark_safe("")  # noqa: S308  # nosec B308 B703: empty
    items = []
    for f in findings:
        reason = f"：{_v(f.reason)}" if f.reason else ""
        items.append(f'<li><span class="badge {_v(f.badge)}">{_v(f.label)}</span> {_v(f.title)}'
                     f'{reason} <span class="help">{_v(f.citation)}</span></li>')
    html = f'<div class="rv-box"><h3>申报条件核验</h3><ul>{"".join(items)}</ul></div>'
    # Safe to mark: every value above went through _v (escaped); the rest is fixed markup.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def score_rows_html(rows: list[dict], *, locked: bool) -> SafeString:
    """The score table's body rows: one per criterion with its value and error."""
    disabled = " disabled" if locked else ""
    out = []
    for r in rows:
        c, error = r["criterion"], r["error"]
        invalid = ' class="rv-invalid"' if error else ""
        name = _v(c.name)
        weight = f"（权重 {_v(c.weight)}）" if c.weight != 1 else ""
        out.append(
            f'<tr{invalid}>\n'
            f'        <td>{_v(c.group)}</td><td>{name}{weight}'
            f'<div class="help">{_v(c.guidance)}</div></td>\n'
            f'        <td>0–{_v(floatformat(c.max_points, "-2"))}</td>\n'
            f'        <td><input type="text" inputmode="decimal" name="c{_v(c.pk)}" '
            f'id="c{_v(c.pk)}" value="{_v(r["value"])}" data-max="{_v(c.max_points)}" '
            f'data-weight="{_v(c.weight)}" class="rv-points" aria-label="{name}得分"{disabled}>\n'
            f'          {_error(error)}</td></tr>')
    # Safe to mark: every value above went through _v (escaped); the rest is fixed markup.
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


def _error(error) -> str:
    return f'<ul class="errorlist"><li>{_v(error)}</li></ul>' if error else ""
