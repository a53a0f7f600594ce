"""Issue 20 §3: history that does not grow with typing — one history row per section per
editing burst (same user, pauses under 10 minutes, no explicit save or submission between),
brought up to date in place; every explicit save its own whole row."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from declare.models import Application, Section
from declare.services.history import AUTOSAVE
from declare.services.sections import StaleSection, save_section
from orgs.roles import Role

from .factories import member
from .test_declare_forms_views import make_app

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(datetime(2025, 7, 20, 9, 0))


@pytest.fixture
def app(call, alice, unit_a):
    return make_app(call, alice, unit_a, codes=("6-18-01-01",))


def autosave(app, by, version, text, at, *, autosave=True):
    return save_section(application=app, key="t1_2", data={"background": text},
                        base_version=version, by=by, autosave=autosave, now=at)


def rows(app):
    """The section's history after its creation row, oldest first."""
    section = Section.objects.get(application=app, key="t1_2")
    return list(section.history.exclude(history_type="+").order_by("history_id"))


def test_a_hundred_autosaves_in_a_burst_keep_one_row_with_the_latest(app, alice):
    for i in range(100):
        autosave(app, alice, i, f"第{i}稿", T0 + timedelta(seconds=5 * i))
    (row,) = rows(app)
    assert (row.version, row.data["background"], row.updated_by, row.history_user) == (
        100, "第99稿", alice, alice)
    assert row.history_date == T0 + timedelta(seconds=5 * 99)
    assert row.history_change_reason.startswith(AUTOSAVE)


def test_an_explicit_save_has_its_own_row_and_ends_the_burst(app, alice):
    autosave(app, alice, 0, "甲", T0)
    autosave(app, alice, 1, "乙", T0 + timedelta(seconds=5), autosave=False)
    autosave(app, alice, 2, "丙", T0 + timedelta(seconds=10))
    autosave(app, alice, 3, "丁", T0 + timedelta(seconds=15))
    assert [(r.version, r.data["background"], r.history_change_reason.startswith(AUTOSAVE))
            for r in rows(app)] == [(1, "甲", True), (2, "乙", False), (4, "丁", True)]


def test_another_user_starts_a_new_row(app, alice, unit_a):
    carol = member("carol", unit_a, Role.APPLICANT)
    autosave(app, alice, 0, "甲", T0)
    autosave(app, carol, 1, "乙", T0 + timedelta(seconds=5))
    autosave(app, carol, 2, "丙", T0 + timedelta(seconds=10))
    assert [(r.version, r.updated_by, r.history_user) for r in rows(app)] == [
        (1, alice, alice), (3, carol, carol)]


def test_a_pause_of_eleven_minutes_starts_a_new_row_one_of_nine_does_not(app, alice):
    autosave(app, alice, 0, "甲", T0)
    autosave(app, alice, 1, "乙", T0 + timedelta(minutes=9))
    autosave(app, alice, 2, "丙", T0 + timedelta(minutes=20))
    assert [(r.version, r.history_date) for r in rows(app)] == [
        (2, T0 + timedelta(minutes=9)), (3, T0 + timedelta(minutes=20))]


def test_a_submission_ends_the_burst(app, alice):
    autosave(app, alice, 0, "甲", T0)
    Application.objects.filter(pk=app.pk).update(submitted_at=T0 + timedelta(minutes=1))
    autosave(app, alice, 1, "乙", T0 + timedelta(minutes=3))
    assert [r.data["background"] for r in rows(app)] == ["甲", "乙"]


def test_a_stale_save_after_a_coalesced_burst_still_names_what_changed(app, alice, unit_a):
    carol = member("carol", unit_a, Role.APPLICANT)
    autosave(app, alice, 0, "原文", T0, autosave=False)
    autosave(app, alice, 1, "改一", T0 + timedelta(seconds=5))
    autosave(app, alice, 2, "改二", T0 + timedelta(seconds=10))   # version 2's row is now 3's
    with pytest.raises(StaleSection) as refused:
        autosave(app, carol, 2, "我的", T0 + timedelta(seconds=20))
    assert [(c.key, c.theirs, c.mine) for c in refused.value.details] == [
        ("background", "改二", "我的")]
