"""Timeline entries that change no workflow state (a recommendation in the package, a panel's
members) reach the one event log too, beside the per-app timeline row."""

from decimal import Decimal

import pytest

from audit.models import AuditAction, AuditLog
from calls.choices import ProjectKind
from quotas import services
from quotas.models import PackageAction, PackageEvent, RecommendationPackage
from review.models import ReviewEvent
from review.services.panels import create_panel, set_panel

from .quotas_support import submitted_application
from .review_support import expert_pool

pytestmark = pytest.mark.django_db


def test_a_recommendation_writes_the_package_timeline_and_the_audit_log(call, unit_a, rex):
    app = submitted_application(call=call, unit=unit_a)
    services.recommend(app, by=rex)
    package = RecommendationPackage.objects.get(call=call, recommender=unit_a.parent)
    event = PackageEvent.objects.get(package=package, action=PackageAction.RECOMMEND)
    [entry] = AuditLog.objects.filter(action=AuditAction.CHANGE, object_type="quotas.RecommendationPackage",
                                      object_id=str(package.pk))
    assert (entry.actor, entry.detail["step"], entry.detail["application"]) == (
        rex, event.action, app.pk)


def test_setting_a_panels_members_writes_the_review_record_and_the_audit_log(call, region, rita):
    experts = expert_pool(region, 5)
    panel = create_panel(call, ProjectKind.BASE, by=rita)
    set_panel(panel, experts=experts, chair=experts[0], per_application=None,
              spread_flag=Decimal("20"), by=rita)
    assert ReviewEvent.objects.filter(call=call, action="set_panel").count() == 1
    [entry] = AuditLog.objects.filter(action=AuditAction.CHANGE, object_type="calls.Call",
                                      object_id=str(call.pk), detail__step="set_panel")
    assert entry.actor == rita and entry.detail["payload"]["chair"] == experts[0].pk
