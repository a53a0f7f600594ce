"""The receipt page's table body (review/receipt.html), built here from receipt_rows' plain
values: the template loop over a region's recommenders was half the page's CPU (issue 20 §4).
The markup is the template's, byte for byte; every value is escaped here."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from core.links import row_url


def _e(value) -> str:
    return escape(str(value))


NOT_PROVIDED = "NOTPROVIDED"  # Django's csrf() context value when the request has no token


def csrf_input(token) -> str:
    """What {% csrf_token %} writes for `token` (the page's context["csrf_token"])."""
    if not token or token == NOT_PROVIDED:
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(token)}">'


def receipt_body(rows: list[dict], call_pk: int, csrf_token) -> SafeString:
    links = (row_url("review:receipt_accept", call_pk), row_url("review:receipt_return", call_pk))
    csrf = csrf_input(csrf_token)
    out = ["\n  "]
    for r in rows:
        out.append("\n    ")
        span = r["span"]
        for i, k in enumerate(r["kinds"]):
            first = i == 0
            out.append('\n    <tr class="rv-first">\n      ' if first else "\n    <tr>\n      ")
            if first:
                out.append(_heads(r, span))
            out.append(f'\n      <td>{_e(k["kind"])}</td><td>{_e(k["quota"])}</td>'
                       f'<td>{_e(k["forwarded"])}</td><td>{_e(k["admitted"])}</td>\n      ')
            if first:
                out.append(_tails(r, span, links, csrf))
            out.append("\n    </tr>\n    ")
        out.append("\n  ")
    out.append("\n  ")
    # Safe to mark: every value above went through escape() (_e); the rest is fixed markup.
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


def _heads(r: dict, span: int) -> str:
    package, contact = r["package"], r["contact"]
    if package:
        sent = (f'<span class="badge{" ok" if package["submitted"] else ""}">'
                f'{_e(package["label"])}</span>')
        if package["submitted_at"]:
            sent += f'<br><span class="help">{_e(package["submitted_at"])}</span>'
    elif r["pending"]:
        sent = '<span class="badge ok">已报送</span>'
    else:
        sent = '<span class="badge warn">未报送</span>'
    who = (f'<span class="badge ok">已登记</span> {_e(contact["name"])} {_e(contact["phone"])}'
           if contact else '<span class="badge warn">未登记</span>')
    return (f'\n      <td rowspan="{span}">{_e(r["label"])}</td>'
            f'\n      <td rowspan="{span}">{sent}</td>'
            f'\n      <td rowspan="{span}">{who}</td>\n      ')


def _tails(r: dict, span: int, links, csrf: str) -> str:
    overs = "".join(f'<span class="badge bad">{_e(k["kind"])}超出名额 {_e(k["over"])} 个</span> '
                    for k in r["kinds"] if k["over"])
    receipt = r["receipt"]
    state = ""
    if receipt:
        state = (f'<span class="badge{" ok" if receipt["accepted"] else " warn"}">'
                 f'{_e(receipt["label"])}</span>')
        if receipt["refused_count"]:
            state += f' 不予受理 {_e(receipt["refused_count"])} 个'
        if receipt["reasons"]:
            state += f'<br><span class="help">{_e(receipt["reasons"])}</span>'
    actions = _actions(r["pk"], links, csrf) if r["pending"] else ""
    return (f'\n      <td rowspan="{span}">{overs}\n        {state}</td>'
            f'\n      <td rowspan="{span}" class="rv-actions">{actions}</td>\n      ')


def _actions(pk: int, links, csrf: str) -> str:
    accept, back = (_e(link(pk)) for link in links)
    return (f'\n        <form method="post" action="{accept}">{csrf}<button class="btn small '
            f'primary" type="submit">受理</button></form>'
            f'\n        <details><summary class="btn small">退回</summary>'
            f'\n          <form method="post" action="{back}" class="form">{csrf}'
            f'\n            <label for="reasons-{_e(pk)}">退回理由</label>'
            f'\n            <textarea id="reasons-{_e(pk)}" name="reasons" rows="3" required>'
            f'</textarea>\n            <button class="btn small danger" type="submit">确认退回'
            f'</button></form></details>\n      ')
