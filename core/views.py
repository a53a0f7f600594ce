"""The one view helper that turns a DomainError into what the user sees."""

from django.contrib import messages

from .errors import DomainError


def show_error(request, exc: DomainError, form=None) -> None:
    """The refusal at its form field when the form has it, else as a message, with its problems."""
    if form is not None and exc.field and exc.field in getattr(form, "fields", {}):
        form.add_error(exc.field, exc.message)
        return
    messages.error(request, exc.message)
    for problem in exc.problems:
        messages.warning(request, problem)


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
