"""The statistics page is cached (issue 7), and the cache never shows figures older than the
data they are made from: a new forwarded application, a submitted or reopened score sheet each
show on the next view."""

from decimal import Decimal

import pytest
from django.urls import reverse

from declare.models import ApplicationStatus
from review import stats_cache

from .review_support import admit_all, assignments, expert_pool, fill, forwarded, scoring_panel

pytestmark = pytest.mark.django_db


def _page(client, call) -> str:
    response = client.get(reverse("review:stats", args=[call.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _total(html: str) -> int:
    start = html.index("报送至自治区的项目共 ") + len("报送至自治区的项目共 ")
    return int(html[start:html.index(" 个", start)])


def test_figures_follow_every_change_to_what_they_are_made_from(
        client, call, unit_a, unit_b, unit_y, recommender_x, recommender_y, region, rita,
        django_capture_on_commit_callbacks, django_assert_max_num_queries):
    client.force_login(rita)
    with django_capture_on_commit_callbacks(execute=True):
        forwarded(call, unit_a)
        forwarded(call, unit_y)
    assert _total(_page(client, call)) == 2

    # served from the cache: the 1 000-application reads are not repeated
    with django_assert_max_num_queries(8):
        assert _total(_page(client, call)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        late = forwarded(call, unit_b)
    assert _total(_page(client, call)) == 3

    with django_capture_on_commit_callbacks(execute=True):
        late.status = ApplicationStatus.RETURNED
        late.save()
    assert _total(_page(client, call)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        admit_all(call, rita, [recommender_x, recommender_y])
        panel = scoring_panel(call, rita, expert_pool(region, 5))
    assert "尚无已提交的评分表。" in _page(client, call)

    first = assignments(panel)[0]
    with django_capture_on_commit_callbacks(execute=True):
        fill(first, Decimal("0.8"))
    html = _page(client, call)
    assert "尚无已提交的评分表。" not in html
    assert f"<td>{first.expert.name}</td><td>1</td><td>80.0%</td>" in html


def test_a_lost_token_is_replaced_never_reused(call):
    first = stats_cache.token(call.pk)
    assert stats_cache.token(call.pk) == first
    from django.core.cache import cache

    cache.delete(stats_cache._token_key(call.pk))  # evicted, or Redis restarted empty
    assert stats_cache.token(call.pk) != first
