"""Expensive exports are rate-limited per account; unchanged content never counts."""

import pytest

from core.errors import DomainError
from documents.models import RenderJob, RenderKind
from documents.samples import fill_application
from documents.services import request_application_document

from .factories import ApplicationFactory, occupation

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_apps(call, unit_a, alice):
    apps = []
    for ref in ("2025-JD-0101", "2025-JD-0102"):
        app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference=ref)
        fill_application(app, occupations=[occupation("6-18-01-01")])
        apps.append(app)
    return apps


def test_new_renders_beyond_the_limit_are_refused_in_chinese_but_cached_ones_are_served(
        settings, two_apps, alice, bob):
    settings.RENDER_RATE_LIMIT = (2, 600)
    first = request_application_document(application=two_apps[0], kind=RenderKind.FORM, by=alice)
    request_application_document(application=two_apps[0], kind=RenderKind.BUNDLE, by=alice)
    # the same content again: the existing job, not a new render, and not refused
    again = request_application_document(application=two_apps[0], kind=RenderKind.FORM, by=alice)
    assert again.pk == first.pk
    with pytest.raises(DomainError, match="生成文件过于频繁：每 10 分钟最多生成 2 份新文件"):
        request_application_document(application=two_apps[1], kind=RenderKind.FORM, by=alice)
    assert RenderJob.objects.filter(created_by=alice).count() == 2
    # the limit is per account: a colleague may still render
    other = request_application_document(application=two_apps[1], kind=RenderKind.FORM, by=bob)
    assert other.created_by == bob


def test_the_page_shows_the_limit_as_a_message_not_an_error_page(
        client, settings, two_apps, alice):
    from django.urls import reverse

    settings.RENDER_RATE_LIMIT = (1, 600)
    client.force_login(alice)
    url = reverse("documents:application", args=[two_apps[0].pk])
    client.post(url, {"kind": RenderKind.FORM})
    r = client.post(url, {"kind": RenderKind.BUNDLE}, follow=True)
    assert r.status_code == 200
    assert "生成文件过于频繁" in r.content.decode()
    assert RenderJob.objects.filter(created_by=alice).count() == 1
