"""The verdict badge of a sealed scan: one home for its markup, for the pages that show one
scan (template tag verdict_badge) and the call's table that shows hundreds (call_scans)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from .models import ScanStatus


def badge(status: str, verdict: dict | None, error: str) -> SafeString:
    """已核对 with its summary (bad when the verdict lists problems), the error of a failed
    check, or the state of a check still queued or running."""
    if status == ScanStatus.DONE:
        verdict = verdict or {}
        html = (f'<span class="badge {"bad" if verdict.get("problems") else "ok"}">'
                f'{escape(str(verdict.get("summary", "")))}</span>')
    elif status == ScanStatus.FAILED:
        html = f'<span class="badge bad">{escape(str(error))}</span>'
    else:
        html = f'<span class="badge warn">{escape(str(ScanStatus(status).label))}</span>'
    # Safe to mark: the summary, error and label went through escape(); the rest is fixed markup.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
