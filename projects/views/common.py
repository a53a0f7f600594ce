"""What every project view shares: the form page and its status."""

from django.shortcuts import render


def form_page(request, *, project, form, title, submit, note="", status=200, danger=False):
    return render(request, "projects/form.html", {
        "project": project, "form": form, "title": title, "submit": submit, "note": note,
        "danger": danger}, status=status)


def form_status(request, form) -> int:
    """422 when a posted form was refused, so tests and htmx can tell."""
    return 422 if request.method == "POST" and form.errors else 200
