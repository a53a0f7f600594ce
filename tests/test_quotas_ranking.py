import pytest
from django.urls import reverse

from core.errors import DomainError
from quotas import services
from quotas.models import Recommendation

from .quotas_support import submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(call, unit_a, unit_b, rex, recommender_x):
    from quotas.models import Quota

    Quota.objects.filter(call=call, recommender=recommender_x, kind="base").update(amount=3)
    apps = [submitted_application(call=call, unit=u, reference=f"R-{i}")
            for i, u in enumerate((unit_a, unit_b, unit_a), start=1)]
    for app in apps:
        services.recommend(app, by=rex)
    return apps


def _order():
    return list(Recommendation.objects.filter(kind="base").order_by("rank")
                .values_list("application__reference", flat=True))


def test_moving_up_swaps_with_the_one_above(ranked, rex):
    assert services.move(ranked[2], by=rex, step=-1) == 2
    assert _order() == ["R-1", "R-3", "R-2"]


def test_the_first_cannot_move_up_and_the_last_cannot_move_down(ranked, rex):
    with pytest.raises(DomainError, match="已在最前，不能再上移。"):
        services.move(ranked[0], by=rex, step=-1)
    with pytest.raises(DomainError, match="已在最后，不能再下移。"):
        services.move(ranked[2], by=rex, step=1)


def test_plain_post_moves_and_redirects_to_the_ranking(client, ranked, rex, recommender_x,
                                                       call):
    client.force_login(rex)
    url = reverse("quotas:move", args=[recommender_x.pk, call.pk, ranked[0].pk, "down"])
    r = client.post(url)
    assert r["Location"] == reverse("quotas:ranking", args=[recommender_x.pk, call.pk])
    assert _order() == ["R-2", "R-1", "R-3"]


def test_htmx_post_returns_the_tables_only(client, ranked, rex, recommender_x, call):
    client.force_login(rex)
    url = reverse("quotas:move", args=[recommender_x.pk, call.pk, ranked[1].pk, "up"])
    r = client.post(url, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert "<html" not in html
    assert html.index("R-2") < html.index("R-1") < html.index("R-3")
    assert "已推荐 3 / 名额 3" in html


def test_ranking_page_lists_by_rank(client, ranked, rex, recommender_x, call):
    client.force_login(rex)
    r = client.get(reverse("quotas:ranking", args=[recommender_x.pk, call.pk]))
    (base, studio) = r.context["kinds"]
    assert [x.application.reference for x in base["items"]] == ["R-1", "R-2", "R-3"]
    assert studio["items"] == []


def test_unknown_direction_is_not_found(client, ranked, rex, recommender_x, call):
    client.force_login(rex)
    url = reverse("quotas:move", args=[recommender_x.pk, call.pk, ranked[1].pk, "sideways"])
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_ranking_page_query_count(client, call, unit_a, rex, recommender_x, n,
                                  django_assert_max_num_queries):
    from quotas.models import Quota

    Quota.objects.filter(call=call, recommender=recommender_x).update(amount=3)
    for _ in range(n):
        services.recommend(submitted_application(call=call, unit=unit_a), by=rex)
    client.force_login(rex)
    url = reverse("quotas:ranking", args=[recommender_x.pk, call.pk])
    client.get(url)
    with django_assert_max_num_queries(22):
        r = client.get(url)
    assert len(r.context["kinds"][0]["items"]) == n
