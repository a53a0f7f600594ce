"""Next year's call without a developer (issue 17 §5): the administrator copies the 2025 call in
管理后台, is told what is missing when opening it, edits, and opens it."""

import pytest

from calls.choices import CallStatus
from calls.models import Call
from quotas.models import Quota

from .conftest import login

pytestmark = pytest.mark.e2e


def test_copy_edit_open_in_the_admin(page, demo, shot):
    source = Call.objects.get(doc_number="内人社办发〔2025〕105号")
    login(page, "admin")
    page.goto("/admin/")
    page.click("a[href='/admin/calls/call/'] >> nth=0")
    page.check(f"input[name=_selected_action][value='{source.pk}']")
    page.select_option("select[name=action]", "copy_to_next_year")
    page.click("button[name=index]")
    page.wait_for_load_state("networkidle")
    assert "已复制为" in page.content()
    copy = Call.objects.get(year=2026, doc_number__contains="待修改")
    assert page.url.endswith(f"/admin/calls/call/{copy.pk}/change/")
    assert copy.status == CallStatus.DRAFT
    assert Quota.objects.filter(call=copy).count() == Quota.objects.filter(call=source).count()

    page.select_option("select[name=status]", CallStatus.OPEN)
    page.click("input[name=_continue]")
    page.wait_for_load_state("networkidle")
    text = page.inner_text(".messagelist")
    assert "批次未能发布" in text and "请填写本批次的文号" in text
    assert "推荐单位报送截止时间应晚于当前时间" in text
    copy.refresh_from_db()
    assert copy.status == CallStatus.DRAFT
    shot(page, "admin-call-copy-refused")

    page.fill("input[name=doc_number]", "内人社办发〔2026〕66号")
    page.fill("input[name=recommender_deadline_0]", "2027-07-31")
    page.fill("input[name=recommender_deadline_1]", "23:59:59")
    page.select_option("select[name=status]", CallStatus.OPEN)
    page.click("input[name=_continue]")
    page.wait_for_load_state("networkidle")
    assert "批次未能发布" not in page.content()
    copy.refresh_from_db()
    assert (copy.status, copy.doc_number) == (CallStatus.OPEN, "内人社办发〔2026〕66号")
    shot(page, "admin-call-copy-opened")
