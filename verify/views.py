from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from audit.models import AuditAction
from core.errors import DomainError
from declare.selectors import access_application
from uploads import private_file_response

from . import codes, rules
from .forms import CodeForm, ScanForm
from .ratelimit import over_limit
from .scan import upload_scan
from .selectors import access_scan
from .services import find_page, public_facts

TOO_MANY = "查询过于频繁，请稍后再试。"


def _too_many(request):
    return render(request, "verify/too_many.html", {"message": TOO_MANY}, status=429)


@require_GET
def lookup(request):
    """The form to type a code by hand; a typed code goes to its page."""
    form = CodeForm(request.GET or None)
    if form.is_valid():
        parsed = codes.parse(form.cleaned_data["code"])
        if parsed is not None:
            doc, page, check = parsed
            return redirect("verify:page", code=f"{doc}-p{page:02d}-{check}")
        return page_view(request, form.cleaned_data["code"])
    return render(request, "verify/lookup.html", {"form": form})


@require_GET
def page_view(request, code):
    """What a printed page is (public, nothing personal). Malformed, guessed and unknown codes
    get one and the same answer."""
    if over_limit(request):
        return _too_many(request)
    hit = find_page(code)
    if hit is None:
        return render(request, "verify/not_found.html", {"form": CodeForm()}, status=404)
    return render(request, "verify/page.html", {"facts": public_facts(*hit)})


@login_required
@require_POST
def upload(request, pk):
    application = access_application(request.user, pk)
    form = ScanForm(request.POST, request.FILES)
    back = redirect("documents:application", pk=application.pk)
    if not rules.can_upload_scan(request.user, application):
        raise PermissionDenied("只有申报单位及其推荐单位可以上传盖章扫描件。")
    if not form.is_valid():
        messages.error(request, "请选择要上传的盖章扫描件（PDF）。")
        return back
    try:
        upload_scan(application, form.cleaned_data["file"], by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return back
    messages.success(request, "扫描件已上传，正在逐页识别验证码，稍后刷新本页查看核对结果。")
    return back


@login_required
@require_GET
def scan_detail(request, scan_id):
    scan = access_scan(request.user, scan_id)
    return render(request, "verify/scan.html", {"scan": scan, "application": scan.application})


@login_required
@require_GET
def scan_file(request, scan_id):
    scan = access_scan(request.user, scan_id)
    return private_file_response(scan.file, f"{scan.application.reference} 盖章扫描件.pdf",
                                 request=request, obj=scan, action=AuditAction.VIEW_PII)
