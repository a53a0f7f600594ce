"""Issue 20 §4 on the applicant's path: the section page reads its own section only (the
✓/✗ navigation comes from the stored flags, judged as the overview judges), the autosave
locks application and section in one statement and re-projects only the items that feed
the figures, and the home card counts by status — same queries however much is stored."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from declare.demo import base as demo_base
from declare.models import ApplicationFigures, Section
from declare.services.sections import completeness, save_section, section_marks

from .test_declare_forms_views import make_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(call, alice, unit_a):
    return make_app(call, alice, unit_a, codes=("6-18-01-01",))


def _store(app, alice, unit_a, keys):
    for key, values in demo_base.sections(unit_a.credit_code).items():
        if key in keys:
            save_section(application=app, key=key, data=values, base_version=0, by=alice)


def _marks(rows):
    return [(r["key"], r["heading"], r["complete"]) for r in rows]


def test_the_navigation_marks_are_the_overviews_without_reading_other_sections(app, alice,
                                                                                 unit_a):
    keys = list(demo_base.sections(unit_a.credit_code))
    _store(app, alice, unit_a, keys[: len(keys) // 2])
    save_section(application=app, key="t1_1", data={"legal_mobile": ""}, base_version=1,
                 by=alice, pending={"legal_mobile": {"value": "138", "errors": ["手机号码"]}},
                 only=frozenset({"legal_mobile"}))
    marks = section_marks(app)
    assert _marks(marks) == _marks(completeness(app))
    assert any(r["complete"] for r in marks) and not all(r["complete"] for r in marks)
    assert not next(r for r in marks if r["key"] == "t1_1")["complete"]   # invalid input
    with CaptureQueriesContext(connection) as q:
        section_marks(app)
    reads = [s["sql"] for s in q.captured_queries if 'FROM "declare_section"' in s["sql"]]
    assert len(reads) == 1 and 'CASE WHEN' in reads[0]   # the JSON of the 附件 texts only


def test_the_section_page_runs_the_same_queries_with_one_or_every_section_stored(
        client, app, alice, unit_a):
    keys = list(demo_base.sections(unit_a.credit_code))
    _store(app, alice, unit_a, keys[:1])
    client.force_login(alice)
    url = reverse("declare:section", args=[app.pk, keys[0]])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _store(app, alice, unit_a, keys[1:])
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(many) == len(few)
    nav = page.context["nav"]
    assert [{k: r[k] for k in ("key", "heading", "complete")} for r in nav] == [
        {k: r[k] for k in ("key", "heading", "complete")} for r in completeness(app)]
    assert [r["url"] for r in nav] == [reverse("declare:section", args=[app.pk, r["key"]])
                                       for r in nav]   # one reverse(), the same links


def test_an_autosave_of_a_text_leaves_the_figures_and_one_of_a_number_rewrites_them(
        client, app, alice, unit_a):
    _store(app, alice, unit_a, ("eligibility",))
    capacity = ApplicationFigures.objects.get(application=app).capacity
    client.force_login(alice)
    url = reverse("declare:section", args=[app.pk, "eligibility"])

    def patch(version, items):
        r = client.post(url, json.dumps({"base_version": version, "items": items}),
                        content_type="application/json", HTTP_X_AUTOSAVE="1")
        assert r.status_code == 200, r.content
        return json.loads(r.content)["version"]

    ApplicationFigures.objects.filter(application=app).update(capacity=1)   # a marker
    version = Section.objects.get(application=app, key="eligibility").version
    version = patch(version, {"occupations_count": [["occupations_count", "7"]]})
    assert ApplicationFigures.objects.get(application=app).capacity == 1   # not re-projected
    version = patch(version, {"capacity": [["capacity", str(capacity + 5)]]})
    assert ApplicationFigures.objects.get(application=app).capacity == capacity + 5
    assert Section.objects.get(application=app, key="eligibility").version == version


def test_an_autosave_locks_application_and_section_in_one_statement(client, app, alice, unit_a):
    _store(app, alice, unit_a, ("t1_2",))
    client.force_login(alice)
    url = reverse("declare:section", args=[app.pk, "t1_2"])
    with CaptureQueriesContext(connection) as q:
        r = client.post(url, json.dumps({"base_version": 1,
                                         "items": {"background": [["background", "新背景"]]}}),
                        content_type="application/json", HTTP_X_AUTOSAVE="1")
    assert r.status_code == 200
    locks = [s["sql"] for s in q.captured_queries if "FOR UPDATE" in s["sql"]]
    assert len(locks) == 1 and 'OF "declare_section", "declare_application"' in locks[0]
    assert not any("declare_applicationfigures" in s["sql"] or "declare_trainingfigure"
                   in s["sql"] for s in q.captured_queries)
    assert Section.objects.get(application=app, key="t1_2").data["background"] == "新背景"
