from django.contrib import messages
from django.http import Http404

from core.errors import DomainError


def attempt(request, action, success: str, form=None) -> bool:
    """Run one service call; show its refusal at the field (or as a message) in Chinese."""
    try:
        action()
    except DomainError as exc:
        if form is not None and exc.field in getattr(form, "fields", {}):
            form.add_error(exc.field, exc.message)
        else:
            messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


def posted_id(request, name: str) -> int:
    """A posted object id; anything but a positive integer is a 404, as an unknown id is."""
    value = request.POST.get(name, "")
    if not value.isascii() or not value.isdigit():
        raise Http404
    return int(value)
