"""推荐顺序: the ranking page and the up/down moves (plain POST, or htmx swapping the table)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.views import show_error

from . import selectors, services
from .views import package_context

STEPS = {"up": -1, "down": 1}


def _ranking_context(package) -> dict:
    header = package_context(package, "ranking")
    return {**header, "kinds": [{"usage": u, "items": selectors.ranking(package, u["kind"])}
                                for u in header["usage"]]}


@login_required
def ranking_page(request, rec, call):
    package = selectors.access_package(request.user, rec, call)
    return render(request, "quotas/ranking.html", _ranking_context(package))


@login_required
@require_POST
def move_view(request, rec, call, pk, direction):
    if direction not in STEPS:
        raise Http404
    package = selectors.access_package(request.user, rec, call)
    app = selectors.inbox_application(package, pk)
    try:
        services.move(app, by=request.user, step=STEPS[direction])
    except DomainError as exc:
        show_error(request, exc)
    if request.htmx:
        return render(request, "quotas/_ranking_tables.html", _ranking_context(package))
    return redirect("quotas:ranking", rec, call)

