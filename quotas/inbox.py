"""The inbox's page: its rows and the paginator's count in one query."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


def inbox_page(queryset, number, per_page: int) -> Page:
    """Paginator(queryset, per_page).get_page(number), counted by a `COUNT(pk) OVER ()` window
    on the page's own slice instead of a COUNT query before it (PostgreSQL, and SQLite ≥ 3.25
    for `make run`). The window counts the filtered rows before LIMIT, so the queryset must not
    be DISTINCT (quotas.forms.InboxFilter filters by EXISTS). A slice that comes back empty — a
    page past the end, an empty inbox — is left to get_page, which counts and falls back to
    the last page as before."""
    paginator = Paginator(queryset, per_page)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1  # as get_page: not a number is the first page
    if number >= 1:
        bottom = (number - 1) * per_page
        rows = list(queryset.annotate(page_total=Window(Count("pk")))[bottom:bottom + per_page])
        if rows:
            paginator.count = rows[0].page_total  # the cached_property, set: no COUNT query
            return Page(rows, number, paginator)
    return paginator.get_page(number)
