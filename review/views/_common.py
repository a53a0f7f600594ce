from django.http import Http404


def posted_id(request, name: str) -> int:
    """A posted object id; anything but a positive integer is a 404, as an unknown id is."""
    value = request.POST.get(name, "")
    if not value.isascii() or not value.isdigit():
        raise Http404
    return int(value)
