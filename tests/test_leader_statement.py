"""推荐单位对领办人…贡献的说明 (105号 二(二)) is the recommender's: the unit's form no longer
asks it, the unit's submission does not wait for it, the recommender writes it on its page and
must have written it before it recommends; text already typed by units is carried over."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from calls.choices import Category, ProjectKind
from core.errors import DomainError
from declare.models import Application, ApplicationStatus, Section
from declare.schema import STUDIO_ELIGIBILITY
from declare.services.workflow import save_explanation, submit_application
from quotas.services import recommend

from .test_declare_workflow_builders import complete_application

pytestmark = pytest.mark.django_db
RULE = "studio.leader_level"


@pytest.fixture
def studio(call, unit_a, alice):
    app = complete_application(call=call, unit=unit_a, by=alice, kind=ProjectKind.STUDIO,
                               category=Category.OTHER)
    master = Section.objects.get(application=app, key="master")
    master.data = {**master.data, "skill_level": "2"}
    master.save()
    elig = Section.objects.get(application=app, key="eligibility")
    elig.data = {**elig.data, "local_speciality": "yes"}
    elig.save()
    return app


def test_the_units_form_no_longer_asks_for_the_statement():
    assert "local_explanation" not in [f.key for f in STUDIO_ELIGIBILITY.fields()]


def test_the_unit_submits_without_it_and_cannot_write_it(studio, alice):
    with pytest.raises(DomainError) as refused:
        save_explanation(studio, by=alice, rule_id=RULE, text="我们自己写的说明")
    assert refused.value.message == "该事项的说明由推荐单位填写。"
    submit_application(studio, by=alice)
    assert studio.status == ApplicationStatus.SUBMITTED


def test_the_recommender_writes_it_before_recommending(client, studio, alice, rex, call,
                                                       recommender_x):
    submit_application(studio, by=alice)
    with pytest.raises(DomainError) as refused:
        recommend(Application.objects.get(pk=studio.pk), by=rex)
    assert "须先填写推荐单位对领办人业绩贡献的说明" in refused.value.message
    client.force_login(rex)
    detail = reverse("quotas:application", args=[recommender_x.pk, call.pk, studio.pk])
    assert 'id="leader-statement"' in client.get(detail).content.decode()
    url = reverse("quotas:statement", args=[recommender_x.pk, call.pk, studio.pk])
    empty = client.post(url, {"text": ""})
    assert "请填写推荐单位对领办人业绩贡献的说明。" in empty.content.decode()
    client.post(url, {"text": "领办人传承蒙古族刺绣技艺三十年，带徒 120 人。"})
    app = Application.objects.get(pk=studio.pk)
    assert app.explanations[RULE] == "领办人传承蒙古族刺绣技艺三十年，带徒 120 人。"
    assert app.events.filter(action="explain", actor=rex).count() == 1
    recommend(app, by=rex)
    assert Application.objects.get(pk=studio.pk).status == ApplicationStatus.RECOMMENDED


def test_text_typed_by_units_is_carried_over_to_the_recommenders_statement(studio):
    migration = importlib.import_module(
        "declare.migrations.0005_leader_statement_to_recommender")
    elig = Section.objects.get(application=studio, key="eligibility")
    elig.data = {**elig.data, "local_explanation": "旧的说明文字"}
    elig.save()
    migration.forwards(apps, None)
    elig.refresh_from_db()
    studio.refresh_from_db()
    assert "local_explanation" not in elig.data
    assert studio.explanations[RULE] == "旧的说明文字"
    migration.backwards(apps, None)
    elig.refresh_from_db()
    assert elig.data["local_explanation"] == "旧的说明文字"
