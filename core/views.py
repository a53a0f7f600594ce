"""The one view helper that turns a DomainError into what the user sees: at its form field when
the form has that field, else as an error message (with the problems that block it)."""

from django.contrib import messages

from .errors import DomainError


def show_error(request, exc: DomainError, form=None) -> None:
    """The refusal at its form field when the form has it, else as messages."""
    if form is not None and exc.field and exc.field in getattr(form, "fields", {}):
        form.add_error(exc.field, exc.message)
        return
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.error(request, problem)


def attempt(request, action, success: str | None = None, form=None) -> bool:
    """Run one service call; on refusal show it (at the field or as a message) and return False."""
    try:
        action()
    except DomainError as exc:
        show_error(request, exc, form)
        return False
    if success:
        messages.success(request, success)
    return True


def attempt_in_form(form, action):
    """Run one service call; its result, or None with the refusal put on `form` (at its field,
    else as a form-wide error) — for pages that show the form again with the reason."""
    try:
        return action()
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None
