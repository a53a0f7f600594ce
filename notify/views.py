from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services

PAGE_SIZE = 100


@login_required
def notification_list(request):
    items = list(services.notifications_of(request.user)[:PAGE_SIZE])
    unread = sum(1 for n in items if n.read_at is None)
    return render(request, "notify/list.html", {"items": items, "unread": unread})


@require_POST
@login_required
def notification_open(request, pk):
    """查看: the message is read, and the page to act on opens."""
    note = get_object_or_404(services.notifications_of(request.user), pk=pk)
    services.mark_read(request.user, notification_id=note.pk)
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts=None):
        return redirect(note.link)
    return redirect("notify:list")


@require_POST
@login_required
def notifications_read(request):
    services.mark_read(request.user)
    return redirect("notify:list")
