"""Links of a list's rows from one reverse() per page: a table of a few hundred rows reversed
each row's URL (resolver lookup, quoting, escaping) for a fifth of its render (issue 20)."""

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

PLACEHOLDER = 987654321  # an id no row has: it only marks where the row's id goes


def row_url(name: str, *args) -> Callable[[int | str], str]:
    """`row_url("review:receipt_accept", call.pk)(rec.pk)` is
    `reverse("review:receipt_accept", args=(call.pk, rec.pk))`: the URL is reversed once with
    a placeholder as its last argument, and each row's id (or key: a section's slug) put in its
    place, quoted as reverse() would."""
    head, tail = reverse(name, args=(*args, PLACEHOLDER)).rsplit(str(PLACEHOLDER), 1)
    return lambda last: f"{head}{quote(str(last), safe='')}{tail}"
