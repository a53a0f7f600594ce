"""Permission-scoped reads of render jobs: "not yours" and "does not exist" are the same 404."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from calls.models import Call
from declare.reading import masks_personal_data
from declare.selectors import access_application

from .models import LIVE_STATUSES, RenderJob
from .rules import can_export_summary


def jobs_of_application(application, user) -> QuerySet[RenderJob]:
    """The renderings of `application` that `user` may see: the masked ones to whoever may open
    the application, those with personal data in full only to the readers who see it in full
    (declare.reading.masks_personal_data) — the pages' rule."""
    jobs = RenderJob.objects.filter(application=application)
    if masks_personal_data(user, application):
        jobs = jobs.filter(params__masked=True)
    return jobs.select_related("created_by").order_by("-created_at", "-id")


def access_job(user, pk) -> RenderJob:
    job = RenderJob.objects.select_related("application", "recommender", "call",
                                           "project__unit").filter(pk=pk).first()
    if job is None:
        raise Http404("任务不存在。")
    if job.application_id:
        application = access_application(user, job.application_id)
        if not jobs_of_application(application, user).filter(pk=job.pk).exists():
            raise Http404("任务不存在。")
    elif job.project_id:
        from projects.selectors import access_plaque  # projects renders through documents

        access_plaque(user, job.project_id)
    elif not can_export_summary(user, job.call, job.recommender):
        raise Http404("任务不存在。")
    return job


def live_job(kind: str, content_hash: str) -> RenderJob | None:
    """The job that rendered (or is rendering) exactly this content, read only: a GET of a
    document's address serves it or shows it, and never starts one."""
    return RenderJob.objects.filter(kind=kind, content_hash=content_hash,
                                    status__in=LIVE_STATUSES).first()


def call_and_recommender_for_export(user, call_pk, recommender_pk) -> tuple:
    call = get_object_or_404(Call, pk=call_pk)
    recommender = None
    if recommender_pk:
        recommender = call.recommenders.filter(pk=recommender_pk).first()
        if recommender is None:
            raise Http404("推荐单位不存在。")
    if not can_export_summary(user, call, recommender):
        raise Http404("申报批次不存在。")
    return call, recommender


