"""The review's Excel exports (review/exports.py), each logged as an export."""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from audit.models import AuditAction
from audit.services import log_event
from orgs.stepup import step_up_required

from ..exports import EXPORTS, filename
from ..rules import can_export
from ..selectors import call_for_reviewer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def export(request, pk, what):
    """Permission first (404 for anyone else), then the second factor for the workbooks that
    hold personal data in full."""
    call = call_for_reviewer(request.user, pk)
    item = EXPORTS.get(what)
    if item is None or not can_export(request.user, call):
        raise Http404
    return (_personal if item.personal else _download)(request, call, item)


def _download(request, call, item):
    data = item.build(call)
    log_event(call, request.user, AuditAction.EXPORT, request=request, export=item.key,
              size=len(data))
    response = FileResponse(io.BytesIO(data), as_attachment=True, filename=filename(call, item),
                            content_type=XLSX)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


_personal = step_up_required(_download)
