"""What every project view shares: run one service call and put its refusal at the field."""

from django.shortcuts import render

from core.errors import DomainError


def attempt(form, call):
    """The service's result, or None with its Chinese message added to `form`."""
    try:
        return call()
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None


def form_page(request, *, project, form, title, submit, note="", status=200, danger=False):
    return render(request, "projects/form.html", {
        "project": project, "form": form, "title": title, "submit": submit, "note": note,
        "danger": danger}, status=status)


def form_status(request, form) -> int:
    """422 when a posted form was refused, so tests and htmx can tell."""
    return 422 if request.method == "POST" and form.errors else 200
