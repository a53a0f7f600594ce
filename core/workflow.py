"""One state machine per workflow: a table of actions and the one move that checks, sets, logs.

Modelled on pretalx's `Submission._set_state` + `log_action`: every workflow (application,
project, recommendation package, panel, …) declares its actions once — name, Chinese label,
from-states, to-state — and every change of its status goes through `Workflow.move`, which
writes the workflow's own timeline row (if it has one) and the audit log row in one call.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from audit.models import AuditAction
from audit.services import log_event

from .errors import DomainError


@dataclass(frozen=True)
class Action:
    """One step of a workflow: allowed from `sources` (empty: the step that creates the
    object), leading to `target`."""

    name: str
    label: str
    sources: tuple[str, ...]
    target: str


class Workflow:
    """The table of one workflow's actions and the only code that changes its status.

    `timeline(obj, name, *, by, before, after, reason, payload, label)` writes the workflow's
    own history row (ApplicationEvent, ProjectEvent, …); workflows without one log to the
    audit log only. `notes` are timeline entries that change no state (上传材料, …).
    """

    def __init__(self, noun: str, states, actions: Iterable[Action], *,
                 timeline: Callable | None = None, notes: dict[str, str] | None = None,
                 field: str = "status"):
        self.noun, self.states, self.field = noun, states, field
        self.actions = {a.name: a for a in actions}
        self.timeline = timeline
        self.notes = dict(notes or {})

    def __iter__(self):
        return iter(self.actions.values())

    def action(self, name: str) -> Action:
        return self.actions[name]

    def label(self, name: str) -> str:
        """The Chinese label of an action or note; an unknown key is shown as it is."""
        if name in self.actions:
            return self.actions[name].label
        return self.notes.get(name, name)

    def state_label(self, value: str) -> str:
        return dict(self.states.choices).get(value, value)

    def allowed(self, obj) -> list[Action]:
        """The actions possible from obj's current state, in table order."""
        current = getattr(obj, self.field)
        return [a for a in self.actions.values() if current in a.sources]

    def can(self, obj, name: str) -> bool:
        return getattr(obj, self.field) in self.action(name).sources

    def check(self, obj, name: str) -> Action:
        """The action, or a DomainError naming the current state in Chinese."""
        action = self.action(name)
        current = getattr(obj, self.field)
        if current not in action.sources:
            raise DomainError(f"{self.noun}当前状态为“{self.state_label(current)}”，"
                              f"不能{action.label}。")
        return action

    def move(self, obj, name: str, *, by, reason: str = "", payload: dict | None = None,
             request=None, label: str = "", **changes):
        """Check obj (locked by the caller) may take `name`, set the new state and `changes`,
        save and log. Must run inside the caller's transaction. Returns the old state."""
        assert transaction.get_connection().in_atomic_block, "Workflow.move needs a transaction"
        action = self.check(obj, name)
        before = getattr(obj, self.field)
        setattr(obj, self.field, action.target)
        for attr, value in changes.items():
            setattr(obj, attr, value)
        obj._change_reason = label or action.label  # simple_history's reason, where kept
        obj.save()
        self.log(obj, name, by=by, before=before, after=action.target, reason=reason,
                 payload=payload, request=request, label=label)
        return before

    def start(self, obj, *, by, reason: str = "", payload: dict | None = None, request=None,
              label: str = ""):
        """Log the creation of obj (the table's action without from-states)."""
        name = next(a.name for a in self.actions.values() if not a.sources)
        return self.log(obj, name, by=by, before="", after=getattr(obj, self.field),
                        reason=reason, payload=payload, request=request, label=label)

    def note(self, obj, name: str, *, by, reason: str = "", payload: dict | None = None,
             request=None, label: str = ""):
        """A timeline entry that changes no state (an upload, an explanation, …)."""
        current = getattr(obj, self.field)
        return self.log(obj, name, by=by, before=current, after=current, reason=reason,
                        payload=payload, request=request, label=label,
                        audit=AuditAction.CHANGE)

    def log(self, obj, name: str, *, by, before: str, after: str, reason: str = "",
            payload: dict | None = None, request=None, label: str = "",
            audit: str = AuditAction.TRANSITION):
        """The one call that records a step: the timeline row and the audit log row."""
        payload = payload or {}
        label = label or self.label(name)
        row = None
        if self.timeline is not None:
            row = self.timeline(obj, name, by=by, before=before, after=after, reason=reason,
                                payload=payload, label=label)
        log_event(obj, by, audit, before=before, after=after, reason=reason, request=request,
                  step=name, label=label, payload=payload)
        return row
