"""Public pages (no login): the 公示 for citizens and the list of accepted projects."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .selectors import accepted_projects, published_notices, related_notices, withdrawn_from


@require_GET
def index(request):
    return render(request, "public/index.html", {"notices": published_notices()[:50]})


@require_GET
def notice(request, pk):
    item = get_object_or_404(published_notices(), pk=pk)
    return render(request, "public/notice.html", {"notice": item,
                                                  "withdrawn": withdrawn_from(item),
                                                  "related": related_notices(item)})


@require_GET
def accepted(request):
    return render(request, "public/accepted.html", {"projects": accepted_projects()[:500]})
