from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.models import AuditAction
from core.errors import DomainError
from declare.reading import masks_personal_data
from declare.selectors import access_application
from orgs.stepup import step_up_required
from uploads import private_file_response

from . import liveness
from .forms import RenderForm, SummaryForm
from .models import RenderJob, RenderKind, RenderStatus
from .producers import missing_in_bundle
from .queue import QUEUE_DOWN, is_waiting_for_broker, resend_if_waiting
from .selectors import (
    access_job,
    call_and_recommender_for_export,
    jobs_of_application,
)
from .services import request_application_document, request_summary


@login_required
@require_http_methods(["GET", "POST"])
def application_documents(request, pk):
    application = access_application(request.user, pk)
    form = RenderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = request_application_document(application=application,
                                               kind=form.cleaned_data["kind"], by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
            return redirect("documents:application", pk=application.pk)
        if form.cleaned_data["kind"] == RenderKind.BUNDLE:
            _warn_missing(request, application)
        return job_page(request, job)
    jobs = jobs_of_application(application, request.user)[:20]
    masked = masks_personal_data(request.user, application)
    return render(request, "documents/application.html", {
        "application": application, "jobs": jobs, "form": form, "masked": masked,
        "missing": missing_in_bundle(application, masked=masked)})


def _warn_missing(request, application):
    """Said again when the 合订本 is asked for (the page says it before the button)."""
    missing = missing_in_bundle(application, masked=masks_personal_data(request.user,
                                                                        application))
    if missing:
        messages.warning(request, f"以下必备材料尚未上传：{'、'.join(missing)}，"
                                  "合订本中将标注为未上传。")


def job_page(request, job: RenderJob):
    """Where a view that asked for a render sends the user: the job's page (progress, then the
    download), with a message saying where the job stands. Shared by every app that renders."""
    _say_where_the_job_is(request, job)
    return redirect("documents:job", job_id=job.pk)


def cached_or_job_page(request, job: RenderJob):
    """A GET of a document's own address: the file when it is rendered, else the job's page
    (the render runs in the job, never in the request)."""
    if job.status == RenderStatus.DONE and job.file:
        return _file_of(request, job)
    return redirect("documents:job", job_id=job.pk)


def _say_where_the_job_is(request, job):
    if is_waiting_for_broker(job):
        messages.warning(request, QUEUE_DOWN)
    elif job.status == RenderStatus.DONE:
        messages.success(request, "内容未变化，可直接下载已生成的文件。")
    else:
        messages.success(request, "已开始生成，完成后可在本页下载。")


@login_required
@require_POST
@step_up_required
def summary_export(request, call_id):
    form = SummaryForm(request.POST)
    if not form.is_valid():
        raise Http404("参数不正确。")
    call, recommender = call_and_recommender_for_export(request.user, call_id,
                                                        form.cleaned_data["recommender"])
    try:
        job = request_summary(call=call, recommender=recommender, kind=form.cleaned_data["kind"],
                              fmt=form.cleaned_data["fmt"], by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("home")
    return job_page(request, job)


def _job_context(request, job_id) -> dict:
    job = access_job(request.user, job_id)
    return {"job": job, "stale": liveness.is_stale(job)}


@login_required
@require_GET
def job_detail(request, job_id):
    return render(request, "documents/job.html", _job_context(request, job_id))


@login_required
@require_GET
def job_progress(request, job_id):
    return render(request, "documents/_progress.html", _job_context(request, job_id))


@login_required
@require_POST
def job_resend(request, job_id):
    """A job saved while the broker was down is sent again on request (the beat task
    documents.requeue_pending does the same on its own); looking at the job only reads."""
    job = resend_if_waiting(access_job(request.user, job_id))
    if is_waiting_for_broker(job):
        messages.warning(request, QUEUE_DOWN)
    else:
        messages.success(request, "已重新发送，开始生成后本页显示进度。")
    return redirect("documents:job", job_id=job.pk)


@login_required
@require_GET
@step_up_required
def job_download(request, job_id):
    job = access_job(request.user, job_id)
    if job.status != RenderStatus.DONE or not job.file:
        raise Http404("文件尚未生成。")
    return _file_of(request, job)


def _file_of(request, job: RenderJob):
    # 附件3/4 and the 合订本 in full are a read of personal data; their masked renderings a
    # download; summaries and plaques are exports.
    action = (AuditAction.EXPORT if not job.application_id else
              AuditAction.DOWNLOAD if job.masked else AuditAction.VIEW_PII)
    return private_file_response(job.file, job.download_name, request=request, obj=job,
                                 action=action, kind=job.kind)
