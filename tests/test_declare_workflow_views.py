import pytest
from django.urls import reverse

from declare.models import ApplicationStatus
from declare.services.workflow import return_for_revision, submit_application

from .test_declare_workflow_builders import complete_application

S = ApplicationStatus


@pytest.fixture
def app(call, unit_a, alice):
    return complete_application(call=call, unit=unit_a, by=alice)


@pytest.fixture
def submitted(app, alice):
    submit_application(app, by=alice)
    return app


def _urls(app):
    m = app.materials.first()
    return [
        ("get", reverse("declare:precheck", args=[app.pk])),
        ("post", reverse("declare:explain", args=[app.pk, "common.category"])),
        ("get", reverse("declare:submit", args=[app.pk])),
        ("post", reverse("declare:submit", args=[app.pk])),
        ("get", reverse("declare:withdraw", args=[app.pk])),
        ("post", reverse("declare:withdraw", args=[app.pk])),
        ("get", reverse("declare:timeline", args=[app.pk])),
        ("get", reverse("declare:versions", args=[app.pk])),
        ("get", reverse("declare:version", args=[app.pk, 1])),
        ("get", reverse("declare:materials", args=[app.pk])),
        ("post", reverse("declare:materials", args=[app.pk])),
        ("post", reverse("declare:material_reorder", args=[app.pk])),
        ("get", reverse("declare:material_download", args=[app.pk, m.pk])),
        ("post", reverse("declare:material_delete", args=[app.pk, m.pk])),
        ("post", reverse("declare:material_move", args=[app.pk, m.pk])),
    ]


@pytest.mark.parametrize("who", ["bob", "charlie", "yvonne", "eve"])
def test_every_workflow_url_is_404_for_others(client, submitted, who, request):
    client.force_login(request.getfixturevalue(who))
    for method, url in _urls(submitted):
        assert getattr(client, method)(url).status_code == 404, url


def test_recommender_cannot_see_a_draft_at_any_url(client, app, rex):
    client.force_login(rex)
    for method, url in _urls(app):
        if "/versions/1/" in url:
            continue
        assert getattr(client, method)(url).status_code == 404, url


def test_recommender_reads_submitted_application_but_cannot_act_for_the_unit(client, submitted, rex):
    client.force_login(rex)
    for name in ("precheck", "timeline", "versions", "materials"):
        assert client.get(reverse(f"declare:{name}", args=[submitted.pk])).status_code == 200
    assert client.get(reverse("declare:version", args=[submitted.pk, 1])).status_code == 200
    assert client.post(reverse("declare:submit", args=[submitted.pk])).status_code == 404
    assert client.post(reverse("declare:withdraw", args=[submitted.pk]),
                       {"text": "x"}).status_code == 404
    m = submitted.materials.first()
    assert client.post(reverse("declare:material_delete", args=[submitted.pk, m.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, app):
    response = client.get(reverse("declare:precheck", args=[app.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_submit_page_lists_what_blocks_and_post_refuses(client, app, alice):
    app.materials.filter(item="evidence").delete()
    client.force_login(alice)
    page = client.get(reverse("declare:submit", args=[app.pk])).content.decode()
    assert "申报材料未上传：佐证材料（需标注目录和页码）" in page
    response = client.post(reverse("declare:submit", args=[app.pk]), follow=True)
    assert "申报尚不满足提交条件，请处理以下事项后再提交。" in response.content.decode()
    app.refresh_from_db()
    assert app.status == S.DRAFT


def test_submit_by_post_redirects_to_overview_with_the_version(client, app, alice):
    client.force_login(alice)
    response = client.post(reverse("declare:submit", args=[app.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("declare:overview", args=[app.pk])
    app.refresh_from_db()
    assert app.status == S.SUBMITTED
    page = client.get(reverse("declare:versions", args=[app.pk])).content.decode()
    assert f"{app.reference}-v1" in page and app.snapshots.get().sha256 in page


def test_withdraw_requires_a_reason_at_the_field(client, submitted, alice):
    client.force_login(alice)
    response = client.post(reverse("declare:withdraw", args=[submitted.pk]), {"text": ""})
    assert "请填写内容。" in response.content.decode()
    client.post(reverse("declare:withdraw", args=[submitted.pk]), {"text": "需要修改预算"})
    submitted.refresh_from_db()
    assert submitted.status == S.DRAFT


def test_precheck_page_shows_badges_and_reasons(client, app, alice):
    client.force_login(alice)
    page = client.get(reverse("declare:precheck", args=[app.pk])).content.decode()
    assert '<span class="badge ok">符合</span>' in page
    assert "年培训规模 3500 人次，达到新建基地 2000 人次要求" in page
    assert "105号 二(一)1(2)" in page


def test_explanation_is_saved_from_the_precheck_page(client, call, unit_a, alice):
    app = complete_application(call=call, unit=unit_a, by=alice, codes=("6-18-01-01", "4-10-01-05"))
    client.force_login(alice)
    page = client.get(reverse("declare:precheck", args=[app.pk])).content.decode()
    assert "情况说明（提交前必须填写）" in page
    client.post(reverse("declare:explain", args=[app.pk, "common.category"]),
                {"common.category-text": "两个专业共用实训中心。"})
    app.refresh_from_db()
    assert app.explanations == {"common.category": "两个专业共用实训中心。"}
    assert app.events.get(action="explain").comment == "两个专业共用实训中心。"


def test_returned_comments_show_in_the_panel_on_the_overview(client, submitted, alice, rex):
    return_for_revision(submitted, by=rex, comments="请补充项目背景中的产业数据。", sections=["t1_2"])
    client.force_login(alice)
    page = client.get(reverse("declare:overview", args=[submitted.pk])).content.decode()
    assert "推荐单位退回修改意见" in page and "请补充项目背景中的产业数据。" in page
    assert "表1-2 项目背景及工作基础" in page


def test_timeline_shows_actor_organisation_and_comment(client, submitted, alice, rex):
    return_for_revision(submitted, by=rex, comments="请补充。")
    client.force_login(rex)
    page = client.get(reverse("declare:timeline", args=[submitted.pk])).content.decode()
    assert "提交推荐单位" in page and "退回修改" in page and "（甲市）" in page and "请补充。" in page


def test_old_version_is_shown_read_only_with_masked_personal_information(client, call, unit_a,
                                                                          alice, rex):
    from calls.choices import Category, ProjectKind
    app = complete_application(call=call, unit=unit_a, by=alice, kind=ProjectKind.STUDIO,
                               category=Category.OTHER)
    submit_application(app, by=alice)
    client.force_login(rex)
    page = client.get(reverse("declare:version", args=[app.pk, 1])).content.decode()
    assert f"{app.reference}-v1" in page and "校验一致" in page
    assert "150102********1238" in page and "150102198001011238" not in page
    assert "<form" not in page.split("<main")[1].split("</main>")[0].replace('class="inline"', "")


@pytest.mark.parametrize("n", [1, 3])
def test_timeline_query_count(client, app, alice, django_assert_max_num_queries, n):
    from declare.workflow import note
    for i in range(n):
        note(app, "upload", by=alice, comment=f"材料{i}")
    client.force_login(alice)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("declare:timeline", args=[app.pk])).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_versions_query_count(client, app, alice, django_assert_max_num_queries, n):
    from declare.services.workflow import withdraw_application
    for i in range(n):
        submit_application(app, by=alice)
        if i < n - 1:
            withdraw_application(app, by=alice, reason="改")
    client.force_login(alice)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("declare:versions", args=[app.pk])).content.decode()
    assert page.count(f"{app.reference}-v") == n


def test_printing_is_linked_from_the_overview_versions_and_after_submission(client, app, alice,
                                                                             rex):
    """Issue 15 §1: no applicant page linked to the only place that makes the 附件3/4 PDF."""
    docs = reverse("documents:application", args=[app.pk])
    client.force_login(alice)
    overview = client.get(reverse("declare:overview", args=[app.pk])).content.decode()
    assert f'href="{docs}">打印/下载申报表</a>' in overview
    response = client.post(reverse("declare:submit", args=[app.pk]), follow=True)
    page = response.content.decode()
    assert "打印一式六份" in page and "下一步：打印提交版本的申报表" in page
    assert f'class="btn primary" href="{docs}">打印/下载申报表</a>' in page
    for url in (reverse("declare:versions", args=[app.pk]),
                reverse("declare:version", args=[app.pk, 1])):
        assert f'href="{docs}">打印与下载</a>' in client.get(url).content.decode(), url
    printing = client.get(docs).content.decode()
    assert "生成申报表 PDF" in printing and 'class="current">打印与下载</a>' in printing
    assert reverse("declare:overview", args=[app.pk]) in printing  # and back again
    client.force_login(rex)  # the recommender reaches it from the pages it reads too
    assert f'href="{docs}">打印与下载</a>' in client.get(
        reverse("declare:versions", args=[app.pk])).content.decode()
    assert client.get(docs).status_code == 200
