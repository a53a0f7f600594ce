"""Test data for the quotas tests: submitted applications with complete (or not) sections."""

from calls.choices import Category, ProjectKind
from declare.models import ApplicationStatus, Section, Speciality
from declare.schema import sections_for

from .factories import ApplicationFactory, occupation


def submitted_application(*, call, unit, kind=ProjectKind.BASE, category=Category.MANUFACTURING,
                          tier="A", code="6-18-01-01", complete=True, summary=None, master=None,
                          status=ApplicationStatus.SUBMITTED, **extra):
    """An application as its unit submitted it: one speciality, every section saved."""
    app = ApplicationFactory(call=call, unit=unit, kind=kind, category=category,
                             tier=tier if kind == ProjectKind.BASE else "", status=status,
                             **extra)
    Speciality.objects.create(application=app, position=1, occupation=occupation(code))
    data = {"summary": summary or ({"honours": "2023年 自治区级高技能人才培训基地",
                                    "performance": "年培训 3200 人次"}
                                   if kind == ProjectKind.BASE else
                                   {"leader_awards": "2019年 全国技术能手",
                                    "leader_performance": "攻关 12 项"}),
            "master": master or {"name": "王师傅", "skill_level": "1"}}
    for spec in sections_for(kind, 1):
        Section.objects.create(application=app, key=spec.key, data=data.get(spec.key, {}),
                               version=1, complete=complete)
    return app


def pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
            b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000056 00000 n \n"
            b"0000000111 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n178\n%%EOF\n")


REPORT = {"procedure": "单位申报、资格审查、专家评审、公示、党组会议研究", "method": "专家集中评审打分",
          "notice_start": None, "notice_end": None, "notice_place": "市人社局门户网站",
          "notice_result": "公示期满无异议", "objections": "无", "meeting_date": None,
          "meeting_conclusion": "同意按排序推荐", "discipline_opinion": "未发现违规问题"}
EXPERTS = [{"name": f"专家{i}", "unit": "包头职业技术学院", "title": "教授"} for i in range(1, 6)]


def fill_package(package, *, by, experts=EXPERTS):
    """A complete 推荐报告 with its sealed scan, and the contact person."""
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from quotas import services

    data = {**REPORT, "notice_start": date(2025, 7, 10), "notice_end": date(2025, 7, 16),
            "meeting_date": date(2025, 7, 20)}
    services.save_report(package, by=by, data=data, experts=experts)
    services.add_scan(package, by=by, kind="report",
                      upload=SimpleUploadedFile("推荐报告.pdf", pdf_bytes(), "application/pdf"))
    services.register_contact(package.call, package.recommender, by=by, name="赵联络",
                              post="职业能力建设科科长", phone="0472-5123456",
                              mobile="13904721234")
