"""比较提交版本: what changed between two submitted versions of one application, for whoever may
read the application (declare.selectors.access_application: the unit, its recommender, the
call's issuer), each reading the values as declare.reading shows them to that viewer."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from audit.models import AuditAction
from audit.services import log_event

from .diff import changed_only, diff_readings, materials_reading
from .reading import render_sections, unmasked_fields
from .selectors import access_application
from .services.snapshots import snapshots_of
from .services.workflow import resubmission


@login_required
def compare(request, pk, old, new):
    app = access_application(request.user, pk)
    versions = snapshots_of(app)
    before = get_object_or_404(versions, version=old)
    after = get_object_or_404(versions, version=new)
    old_reading = render_sections(before, viewer=request.user)
    new_reading = render_sections(after, viewer=request.user)
    for snapshot, reading in ((before, old_reading), (after, new_reading)):
        if shown := unmasked_fields(reading):
            log_event(snapshot, request.user, AuditAction.VIEW_PII, request=request,
                      fields=shown)
    sections = diff_readings([*old_reading, materials_reading(before.data)],
                             [*new_reading, materials_reading(after.data)])
    show_all = request.GET.get("all") == "1"
    return render(request, "declare/version_compare.html", {
        "application": app, "before": before, "after": after, "show_all": show_all,
        "sections": sections if show_all else changed_only(sections),
        "changed_count": len(changed_only(sections)),
        "revision": resubmission(app, after.version)})
