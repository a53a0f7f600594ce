"""Permission-scoped reads of render jobs: "not yours" and "does not exist" are the same 404."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from calls.models import Call
from declare.selectors import access_application

from .models import RenderJob
from .rules import can_export_summary


def jobs_of_application(application) -> QuerySet[RenderJob]:
    return (RenderJob.objects.filter(application=application)
            .select_related("created_by").order_by("-created_at", "-id"))


def access_job(user, pk) -> RenderJob:
    job = RenderJob.objects.select_related("application", "recommender", "call").filter(
        pk=pk).first()
    if job is None:
        raise Http404("任务不存在。")
    if job.application_id:
        access_application(user, job.application_id)
    elif not can_export_summary(user, job.call, job.recommender):
        raise Http404("任务不存在。")
    return job


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


