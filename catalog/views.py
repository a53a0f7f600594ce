from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from .selectors import search_occupations


@login_required
def occupation_search(request):
    """Look up 职业 by code prefix or name; JSON for widgets, HTML list for htmx and people."""
    term = request.GET.get("q", "")[:40]
    results = list(search_occupations(term))
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"results": [
            {"code": o.code, "name": o.name, "marks": o.marks} for o in results]})
    return render(request, "catalog/search.html", {"q": term, "results": results})
