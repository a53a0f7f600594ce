from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..selectors import notifications_of


@login_required
def notification_list(request):
    items = list(notifications_of(request.user)[:100])
    return render(request, "review/notifications.html", {"items": items})


@require_POST
@login_required
def notifications_read(request):
    notifications_of(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("review:notifications")
