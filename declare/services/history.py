"""Which save of a section gets its own history row (issue 20 §3).

Every explicit 保存 (and every save of an import, the demo, a carry-forward) writes its own
whole row (django-simple-history on Section). An autosave continues its editing burst instead:
the burst's row — the section's latest history row when that row is an autosave of the same
user, written less than BURST ago and after the application's last submission — is updated
in place with the section as it is now (its data, version, user and time); otherwise the
autosave starts a new row. So continuous typing adds one row per pause of BURST, not one per
pause of 600 ms, and the audit trail keeps who changed the section and when: a different user,
an explicit save, a submission or a pause of BURST each start a new row, and the burst's row
holds its latest state, user and time. What the burst's intermediate autosaves typed is not
kept (the browser's local copy is the user's, declare's snapshots are the submissions').
"""

import functools
from datetime import timedelta

from django.utils import timezone

from ..models import Section

BURST = timedelta(minutes=10)
# what a save of a section changes (declare.services.sections.save_section); the row's
# application and key never change
SAVED = ("data", "pending", "version", "complete", "form", "updated_by", "updated_at")
AUTOSAVE = "自动保存"   # the change reason of a burst's row starts so


def reason(heading: str, *, autosave: bool) -> str:
    return f"{AUTOSAVE}{heading}" if autosave else f"保存{heading}"


def store(section: Section, *, by, autosave: bool, reason: str, since=None, now=None) -> None:
    """Save `section` (its fields already set) and its history: a new row, or for an
    autosave the burst's row brought up to date. `since`: the application's last submission
    (a burst never spans one); `now`: the clock (the bench's simulated hour)."""
    now = now or timezone.now()
    section._history_date = now
    if not autosave:
        section._change_reason = reason
        section.save(update_fields=SAVED)
        return
    section.skip_history_when_saving = True
    try:
        section.save(update_fields=SAVED)
    finally:
        del section.skip_history_when_saving
    if not _continue_burst(section, by=by, now=now, since=since):
        Section.history.bulk_history_create([section], update=True, default_user=by,
                                            default_change_reason=reason, default_date=now)


@functools.cache
def _history_model():
    """Section's historical model. Every `Section.history` builds a new manager class
    (simple-history's descriptor), which an autosave would pay for nothing."""
    return Section.history.model


def _continue_burst(section: Section, *, by, now, since) -> bool:
    """Bring the burst's row up to date; False when there is no burst to continue.

    The section's latest history row is the one holding the version before this save (every
    save that moves the version writes or updates the row of its new version), so the burst's
    row is found by that version: an autosave row of the same user, recent enough."""
    history = _history_model()
    cutoff = max(now - BURST, since) if since else now - BURST
    fields = {f.attname: getattr(section, f.attname) for f in history.tracked_fields
              if f.name in SAVED}
    return bool(history.objects.filter(
        id=section.pk, version=section.version - 1, history_change_reason__startswith=AUTOSAVE,
        updated_by_id=by.pk, history_date__gt=cutoff,
    ).update(**fields, history_date=now, history_user=by))
