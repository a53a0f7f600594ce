"""附件2-1/2-2: the rows, the preview, and the one way to the files — the package pages
(recommender and region) press the render job (documents:summary: cached, rate-limited);
there is no synchronous download."""

import io
import re
from html import unescape

import pytest
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from calls.choices import Category, ProjectKind
from documents.models import RenderJob
from quotas import services
from quotas.selectors import annex2_rows

from .quotas_support import submitted_application

pytestmark = pytest.mark.django_db

FORM = re.compile(r'<section class="annex2" data-kind="(?P<kind>\w+)">.*?'
                  r'<form class="downloads" method="post" action="(?P<action>[^"]+)">'
                  r'(?P<body>.*?)</form>', re.S)
INPUT = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')
BUTTON = re.compile(r'<button type="submit" class="btn small" name="fmt" value="(\w+)">')
DOWNLOAD = re.compile(r'id="job-download" href="([^"]+)"')
BASE_HEADS = ["序号", "项目申报单位", "项目类别", "申报职业（工种）及代码", "获得荣誉情况",
              "开展培训及主要业绩情况"]


@pytest.fixture
def ranked(call, unit_a, unit_b, rex, recommender_x):
    a = submitted_application(call=call, unit=unit_a, summary={
        "honours": "2021年 自治区级高技能人才培训基地", "performance": "年培训 3500 人次"})
    b = submitted_application(call=call, unit=unit_b, category=Category.SERVICE, tier="B",
                              code="4-10-01-05", summary={"honours": "2020年 国家级基地",
                                                          "performance": "培训护理员 2000 人次"})
    studio = submitted_application(call=call, unit=unit_a, kind=ProjectKind.STUDIO,
                                   master={"name": "李大师", "skill_level": "1"},
                                   summary={"leader_awards": "2018年 全国技术能手",
                                            "leader_performance": "主持攻关 8 项"})
    for app in (a, b, studio):
        services.recommend(app, by=rex)
    services.move(b, by=rex, step=-1)
    services.register_contact(call, recommender_x, by=rex, name="赵联络", phone="0472-5123456",
                              mobile="13904721234")
    return a, b, studio


def test_base_rows_follow_the_ranking_with_the_agreed_keys(call, recommender_x, ranked):
    header, rows = annex2_rows(call, recommender_x, ProjectKind.BASE)
    assert header == {"recommender": "甲市人力资源和社会保障局", "filler": "赵联络",
                      "phone": "0472-5123456 / 13904721234",
                      "title": "2025 年国家级高技能人才培训基地建设项目申报情况汇总表"}
    assert rows == [
        {"seq": 1, "unit": "甲市第二职业培训学校", "category": "社会生产和生活服务类B档",
         "occupation": "养老护理员（4-10-01-05）", "honours": "2020年 国家级基地",
         "performance": "培训护理员 2000 人次"},
        {"seq": 2, "unit": "甲市第一技师学院", "category": "生产制造类A档",
         "occupation": "车工（6-18-01-01）", "honours": "2021年 自治区级高技能人才培训基地",
         "performance": "年培训 3500 人次"},
    ]


def test_studio_rows_carry_the_leader(call, recommender_x, ranked):
    header, rows = annex2_rows(call, recommender_x, ProjectKind.STUDIO)
    assert header["title"] == "2025 年国家级技能大师工作室建设项目申报情况汇总表"
    assert rows == [{"seq": 1, "unit": "甲市第一技师学院", "category": "生产制造类",
                     "occupation": "车工（6-18-01-01）", "leader": "李大师",
                     "leader_level": "一级/高级技师", "leader_awards": "2018年 全国技术能手",
                     "leader_performance": "主持攻关 8 项"}]


def test_preview_page_shows_columns_and_note(client, call, recommender_x, rex, ranked):
    client.force_login(rex)
    html = client.get(reverse("quotas:annex2", args=[recommender_x.pk, call.pk])).content.decode()
    assert "领办人职业技能等级" in html
    assert "填表说明：项目类别填写：生产制造类 A 档、生产制造类 B 档" in html


def test_preview_heads_are_the_heads_of_the_file(client, call, recommender_x, rex, ranked):
    client.force_login(rex)
    html = client.get(reverse("quotas:annex2", args=[recommender_x.pk, call.pk])).content.decode()
    base = html.split('<section class="annex2" data-kind="base">')[1].split("</section>")[0]
    assert re.findall(r"<th>([^<]+)</th>", base) == BASE_HEADS


@pytest.fixture
def press(client, celery_eager, django_capture_on_commit_callbacks):
    """Log in as `user`, press the page's download button for (kind, fmt), follow the redirect
    to the job page and its download link: (response, job)."""
    def press(user, page_url, kind, fmt):
        client.force_login(user)
        html = client.get(page_url).content.decode()
        form = next(m for m in FORM.finditer(html) if m["kind"] == kind)
        assert fmt in BUTTON.findall(form["body"])
        with django_capture_on_commit_callbacks(execute=True):
            r = client.post(unescape(form["action"]), {**dict(INPUT.findall(form["body"])),
                                                       "fmt": fmt})
        job = RenderJob.objects.latest("pk")
        assert (r.status_code, r["Location"]) == (302, reverse("documents:job", args=[job.pk]))
        job_page = client.get(r["Location"]).content.decode()
        return client.get(unescape(DOWNLOAD.search(job_page)[1])), job
    return press


def test_recommender_gets_the_excel_annex_2_1_through_the_render_job(
        call, recommender_x, rex, ranked, press):
    r, job = press(rex, reverse("quotas:annex2", args=[recommender_x.pk, call.pk]), "base", "xlsx")
    assert (job.recommender, job.call, job.created_by) == (recommender_x, call, rex)
    assert r["Content-Disposition"].startswith("attachment")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    values = [[c for c in row if c not in (None, "")] for row in ws.iter_rows(values_only=True)]
    assert values[0] == ["附件2-1"]
    assert values[1] == ["2025 年国家级高技能人才培训基地建设项目申报情况汇总表"]
    assert values[2] == ["推荐单位：甲市人力资源和社会保障局", "填表人：赵联络",
                         "联系电话：0472-5123456 / 13904721234"]
    assert values[3] == BASE_HEADS
    assert [v[1] for v in values[4:6]] == ["甲市第二职业培训学校", "甲市第一技师学院"]


def test_second_press_for_unchanged_rows_is_the_cached_job(call, recommender_x, rex, ranked,
                                                           press):
    page = reverse("quotas:annex2", args=[recommender_x.pk, call.pk])
    _r, first = press(rex, page, "base", "xlsx")
    _r, again = press(rex, page, "base", "xlsx")
    assert (again.pk, RenderJob.objects.count()) == (first.pk, 1)


def test_reviewer_gets_the_pdf_from_the_region_package_page(call, recommender_x, rita, ranked,
                                                            press):
    page = reverse("quotas:region_package", args=[call.pk, recommender_x.pk])
    r, job = press(rita, page, "studio", "pdf")
    assert (job.recommender, job.created_by, job.params) == (recommender_x, rita,
                                                             {"kind": "studio"})
    assert b"".join(r.streaming_content)[:5] == b"%PDF-"


@pytest.mark.parametrize("name", ["quotas:annex2_download", "quotas:region_annex2"])
def test_the_synchronous_downloads_are_gone(name):
    with pytest.raises(NoReverseMatch):
        reverse(name, args=[1, 1, "base", "xlsx"])
