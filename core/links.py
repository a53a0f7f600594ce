"""Links of a list's rows from one reverse() per page: a table of a few hundred rows reversed
each row's URL (resolver lookup, quoting, escaping) for a fifth of its render (issue 20)."""

from collections.abc import Callable

from django.urls import reverse

PLACEHOLDER = 987654321  # an id no row has: it only marks where the row's id goes


def row_url(name: str, *args) -> Callable[[int], str]:
    """`row_url("review:receipt_accept", call.pk)(rec.pk)` is
    `reverse("review:receipt_accept", args=(call.pk, rec.pk))`: the URL is reversed once with
    a placeholder as its last argument, and each row's id put in its place."""
    head, tail = reverse(name, args=(*args, PLACEHOLDER)).rsplit(str(PLACEHOLDER), 1)
    return lambda pk: f"{head}{int(pk)}{tail}"
