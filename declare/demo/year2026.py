"""The 2026 demonstration call (seed_demo, after the 2025 applications): the same issuer,
recommenders and 附件1 quotas as 2025, its forms the `2026-national` version
(declare.formdefs.national2026), so a 2025 application and a 2026 one live side by side — each
read, validated and printed with the version its call names. One complete base application
(2023—2025 training record, 表1-1 with 在职教职工人数) and one studio application (three
工作室人员 rows at least)."""

from datetime import date, timedelta

from django.utils import timezone

from calls.choices import Category, ProjectKind
from calls.models import Call, end_of_day
from quotas.models import Quota

from . import base, studio

CALL_2026 = "内人社办发〔2026〕12号（演示）"
FORM_2026 = "2026-national"


def call_2026(call_2025: Call) -> Call:
    call, created = Call.objects.get_or_create(doc_number=CALL_2026, defaults={
        "issuer": call_2025.issuer, "co_issuer": call_2025.co_issuer, "level": call_2025.level,
        "year": 2026, "form": FORM_2026,
        "title": "2026年度国家级高技能人才培训基地和技能大师工作室建设项目申报评选（演示）",
        "indicator_base": call_2025.indicator_base,
        "indicator_studio": call_2025.indicator_studio,
        "published_on": date(2026, 3, 2),
        "recommender_deadline": end_of_day(timezone.localdate() + timedelta(days=60)),
    })
    if created:
        call.recommenders.set(call_2025.recommenders.all())
        Quota.objects.bulk_create(
            Quota(call=call, recommender=q.recommender, kind=q.kind, amount=q.amount)
            for q in Quota.objects.filter(call=call_2025))
    return call


def base_2026(credit_code: str) -> dict:
    """The 2025 demo base, written again under the 2026 form."""
    values = base.sections(credit_code)
    years = range(2023, 2026)
    rows = values["eligibility"]["training"]
    return {**values, "t1_1": {**values["t1_1"], "staff_count": 412},
            "eligibility": {**values["eligibility"],
                            "training": [{**row, "year": year} for row, year in zip(rows, years,
                                                                                  strict=True)]}}


def seed(out, call_2025: Call, *, application, fill, upload_missing) -> dict:
    call = call_2026(call_2025)
    jd, jd_user = application(call, "包头市装备制造技师学院", ProjectKind.BASE,
                              Category.MANUFACTURING, "A", base.SPECIALITIES)
    fill(jd, base_2026(jd.unit.credit_code), jd_user)
    upload_missing(jd, jd_user)
    gz, gz_user = application(call, "通辽市科尔沁民族工艺研究所", ProjectKind.STUDIO,
                              Category.OTHER, "", [(studio.OCCUPATION, studio.WORK_TYPE)])
    fill(gz, studio.sections(), gz_user)
    upload_missing(gz, gz_user)
    out.write(f"  2026年演示批次（申报表 {FORM_2026}）：{jd.reference}、{gz.reference}")
    return {"call_2026": call, "demo_applications_2026": {"base": jd, "studio": gz}}
