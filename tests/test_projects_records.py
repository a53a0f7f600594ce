"""projects.records: the pre-check reads a unit's bans and projects from the cache (no query
once cached), and every kind of write — save, delete, queryset update, bulk_create,
bulk_update, a project's workflow step — is seen by the very next read (issue 20 §4); with
Redis down the rules read the database."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from declare.eligibility.conditions import evaluate
from projects.choices import ProjectStatus, RevocationReason
from projects.models import Ban, Project
from projects.records import unit_records

from .factories import ApplicationFactory, CallFactory
from .test_faults_cache import DEAD_REDIS
from .test_projects_support import make_project

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
BANNED = "本单位因“弄虚作假”被取消申报资格"


def _outcome(app, rule_id):
    return next(f for f in evaluate(app) if f.rule_id == rule_id)


def _ban(unit, by, **kw):
    return Ban(unit=unit, reason=RevocationReason.FRAUD, starts_on=kw.pop("starts_on", TODAY()),
               ends_on=kw.pop("ends_on", TODAY() + timedelta(days=365)), created_by=by, **kw)


def _records_queries(app) -> int:
    with CaptureQueriesContext(connection) as ctx:
        evaluate(app)
    return sum('"projects_ban"' in q["sql"] or '"projects_project"' in q["sql"]
               for q in ctx.captured_queries)


@pytest.fixture
def app(call, unit_a):
    return ApplicationFactory(call=CallFactory(issuer=call.issuer), unit=unit_a)


def test_the_second_pre_check_reads_no_ban_or_project_row(app):
    assert _records_queries(app) == 2
    assert _records_queries(app) == 0


def test_a_saved_ban_is_seen_on_the_next_read_and_its_deletion_too(app, unit_a, rita):
    assert _outcome(app, "projects.ban").outcome == "pass"   # cached now
    ban = _ban(unit_a, rita)
    ban.save()
    assert _outcome(app, "projects.ban").reason.startswith(BANNED)
    ban.delete()
    assert _outcome(app, "projects.ban").outcome == "pass"


def test_a_ban_changed_by_save_or_by_a_queryset_update_is_seen(app, unit_a, rita):
    ban = _ban(unit_a, rita, starts_on=TODAY() - timedelta(days=10))
    ban.save()
    assert _outcome(app, "projects.ban").outcome == "fail"
    ban.ends_on = TODAY()
    ban.save()
    assert _outcome(app, "projects.ban").outcome == "pass"
    Ban.objects.filter(pk=ban.pk).update(ends_on=TODAY() + timedelta(days=30))
    assert _outcome(app, "projects.ban").outcome == "fail"


def test_bans_made_by_bulk_create_and_changed_by_bulk_update_are_seen(app, unit_a, rita):
    assert _outcome(app, "projects.ban").outcome == "pass"
    [ban] = Ban.objects.bulk_create([_ban(unit_a, rita)])
    assert _outcome(app, "projects.ban").outcome == "fail"
    ban.starts_on, ban.ends_on = TODAY() - timedelta(days=400), TODAY() - timedelta(days=1)
    Ban.objects.bulk_update([ban], ["starts_on", "ends_on"])
    assert _outcome(app, "projects.ban").outcome == "pass"


def test_a_ban_starting_later_is_not_in_force_yet(app, unit_a, rita):
    _ban(unit_a, rita, starts_on=TODAY() + timedelta(days=1),
         ends_on=TODAY() + timedelta(days=30)).save()
    assert _outcome(app, "projects.ban").outcome == "pass"
    assert [b.in_force_on(TODAY() + timedelta(days=1)) for b in unit_records(app.unit_id).bans] \
        == [True]


def test_a_project_closed_or_reopened_is_seen_on_the_next_read(app, call, unit_a, rita):
    project = make_project(call, unit_a, rita, amount=100)
    assert _outcome(app, "projects.open_construction").outcome == "fail"
    project.status = ProjectStatus.ACCEPTED
    project.save()
    assert _outcome(app, "projects.open_construction").outcome == "pass"
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.RECTIFYING)
    assert _outcome(app, "projects.open_construction").outcome == "fail"
    project.status = ProjectStatus.TERMINATED
    Project.objects.bulk_update([project], ["status"])
    assert _outcome(app, "projects.open_construction").outcome == "pass"


def test_a_call_whose_level_changes_is_seen_on_the_next_read(app, city_call, unit_a, rita):
    make_project(city_call, unit_a, rita)
    assert _outcome(app, "projects.open_construction").outcome == "pass"   # a city project
    city_call.level = app.call.level
    city_call.save()
    assert _outcome(app, "projects.open_construction").outcome == "fail"


def test_with_redis_down_the_rules_read_the_database(settings, app, unit_a, rita):
    assert _outcome(app, "projects.ban").outcome == "pass"   # cached in the live Redis
    settings.CACHES = DEAD_REDIS
    _ban(unit_a, rita).save()   # the version cannot be bumped: Redis is down
    assert _records_queries(app) == 2   # both tables, read once for the evaluation's rules
    assert _outcome(app, "projects.ban").reason.startswith(BANNED)
    assert caches["default"].get("projects:records:v") is None
