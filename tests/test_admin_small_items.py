"""Issue 18 §12, the small items: no doubled 。, Chinese in 管理后台 (axes, empty choices), our
Chinese 404 page with DEBUG on, "满分 100 分", and 去极值平均分 as a number in the 备案名单."""

import io
from decimal import Decimal

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from calls.models import Call
from core.text import sentence
from notify.models import Notification
from review.notices import refused
from review.services.filing_archive import final_list_xlsx
from review.services.notice import selected_items
from review.services.rubrics import ensure_default_rubrics

from .review_support import ready_to_file

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_typed_reason_gets_exactly_one_full_stop():
    assert sentence("材料不全") == "材料不全。"
    assert sentence("材料不全，请重新报送。") == "材料不全，请重新报送。"
    assert sentence(" 为什么？ ") == "为什么？"
    assert sentence("") == ""


def test_a_refusal_notice_with_a_reason_ending_in_a_full_stop_has_one(call, unit_a, alice):
    from .factories import ApplicationFactory

    app = ApplicationFactory(call=call, unit=unit_a)
    refused(app, "超出推荐名额，请重新报送。")
    body = Notification.objects.filter(user=alice).latest("pk").body
    assert body.endswith("请重新报送。") and "。。" not in body


def test_no_source_or_template_has_a_doubled_full_stop():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    hits = [str(p.relative_to(root)) for d in ("calls", "core", "declare", "documents", "notify",
                                               "orgs", "projects", "public", "quotas", "review",
                                               "templates", "uploads", "workdays")
            for p in (root / d).rglob("*") if p.suffix in (".py", ".html", ".txt")
            and "。。" in p.read_text(encoding="utf-8")]
    assert hits == []


def test_axes_in_the_admin_reads_chinese(adam):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(username="someone", ip_address="127.0.0.1", user_agent="t",
                                 http_accept="", path_info="/login/", get_data="", post_data="",
                                 failures_since_start=1)
    c = client_of(adam)
    index = c.get("/admin/").content.decode()
    assert "登录锁定" in index and "登录尝试" in index and "Access attempts" not in index
    page = c.get("/admin/axes/accessattempt/").content.decode()
    assert "用户名" in page and "IP 地址" in page and "Attempt Time" not in page


def test_empty_choices_read_qing_xuan_ze(adam):
    field = forms.ModelChoiceField(queryset=Call.objects.all())
    assert list(field.choices)[0] == ("", "请选择")
    page = client_of(adam).get("/admin/review/expert/add/").content.decode()
    assert "---------" not in page and "请选择" in page


@pytest.mark.parametrize("path", ["/no-such-page/", "/review/calls/999999/"])
def test_a_404_with_debug_on_is_our_chinese_page(settings, rita, path):
    settings.DEBUG = True
    r = client_of(rita).get(path)
    text = r.content.decode()
    assert r.status_code == 404
    assert "页面不存在" in text and "DEBUG = True" not in text and "URLconf" not in text


def test_the_rubric_page_says_full_marks_without_trailing_zeros(call, rita):
    ensure_default_rubrics(call, by=rita)
    page = client_of(rita).get(reverse("review:rubric", args=[call.pk, "base"])).content.decode()
    assert "满分 100 分" in page and "100.0000" not in page


def test_the_filing_lists_trimmed_mean_as_a_number(call, rita, region, unit_a, unit_b, unit_y,
                                                   recommender_x, recommender_y):
    ready_to_file(call, rita, region, [unit_a, unit_b, unit_y], [recommender_x, recommender_y])
    items = list(selected_items(call))
    scores = {i.application_id: "86.50" for i in items}
    ws = load_workbook(io.BytesIO(final_list_xlsx(call, items, scores))).active
    head = [c.value for c in ws[2]]
    column = head.index("去极值平均分")
    values = [row[column] for row in ws.iter_rows(min_row=3, values_only=True)]
    assert values == [Decimal("86.50")] * len(items) or values == [86.5] * len(items)
    assert all(isinstance(v, (int, float)) for v in values)
