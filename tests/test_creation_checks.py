"""Issue 15 §6: right at creation — the category rule 二(四) refuses at creation what the
pre-check would call 不符合, the only open call is preselected, and the form starts from the
unit's registration, which stays the one source of 项目单位名称 and the credit code."""

import re

import pytest
from django.urls import reverse

from calls.choices import CallStatus, Category, ProjectKind
from catalog.selectors import get_occupation
from core.errors import DomainError
from declare.models import Application, Section
from declare.reading import render_sections
from declare.services.applications import create_application, update_basics
from declare.services.sections import save_section, section_data

from .factories import CallFactory, credit_code

pytestmark = pytest.mark.django_db


def create(call, user, unit, *, kind=ProjectKind.BASE, category=Category.MANUFACTURING,
           tier="A", codes=("6-18-01-01",)):
    return create_application(unit=unit, call=call, kind=kind, category=category, tier=tier,
                              by=user, occupations=[(get_occupation(c), "") for c in codes])


def post(client, call, unit, **changes):
    data = {"unit": unit.pk, "call": call.pk, "kind": "base", "category": "manufacturing",
            "tier": "A", "occupation_1": "6-18-01-01", **changes}
    return client.post(reverse("declare:create"), data)


# ---------------------------------------------------------------- the category rule
def test_manufacturing_with_a_major_4_occupation_is_refused_at_creation(call, alice, unit_a):
    with pytest.raises(DomainError) as refused:
        create(call, alice, unit_a, codes=("4-10-01-06",))
    assert refused.value.field == "category"
    assert "对应“社会生产和生活服务类”，与申报类别“生产制造类”不符" in refused.value.message
    assert not Application.objects.exists()


def test_the_create_page_shows_the_category_refusal_at_the_category(client, alice, call, unit_a):
    client.force_login(alice)
    r = post(client, call, unit_a, occupation_1="4-10-01-06")
    assert r.status_code == 200
    [message] = r.context["form"].errors["category"]
    assert message.endswith("与申报类别“生产制造类”不符（105号 二(四)）。")
    assert not Application.objects.exists()


def test_other_category_is_refused_for_a_base_by_the_service(call, alice, unit_a):
    with pytest.raises(DomainError) as refused:
        create(call, alice, unit_a, category=Category.OTHER)
    assert refused.value.message == "培训基地建设项目不设“其他类”（105号 二(四)）。"


def test_other_category_for_a_studio_is_accepted(call, alice, unit_a):
    app = create(call, alice, unit_a, kind=ProjectKind.STUDIO, category=Category.OTHER,
                 tier="", codes=("6-09-02-04",))
    assert (app.kind, app.category) == ("studio", "other")


def test_changing_the_basics_to_a_mismatch_is_refused(call, alice, unit_a):
    app = create(call, alice, unit_a)
    with pytest.raises(DomainError):
        update_basics(application=app, kind="base", category=Category.SERVICE, tier="A",
                      occupations=[(get_occupation("6-18-01-01"), "")], by=alice)
    app.refresh_from_db()
    assert app.category == "manufacturing"


def test_category_radios_say_which_kinds_have_them(client, alice, call):
    client.force_login(alice)
    html = client.get(reverse("declare:create")).content.decode()
    for value, expected in (("manufacturing", "base studio"), ("service", "base studio"),
                            ("other", "studio")):
        tag = re.search(rf'<input[^>]*name="category"[^>]*value="{value}"[^>]*>', html).group(0)
        assert f'data-kinds="{expected}"' in tag, tag


# ---------------------------------------------------------------- the open call
def test_the_only_open_call_is_preselected(client, alice, call, region):
    CallFactory(issuer=region, year=2024, status=CallStatus.CLOSED).recommenders.add(
        alice.memberships.get().organisation.parent)
    client.force_login(alice)
    form = client.get(reverse("declare:create")).context["form"]
    assert form["call"].value() == call.pk


def test_no_call_is_preselected_when_two_are_open(client, alice, call, region):
    CallFactory(issuer=region, year=2026).recommenders.add(
        alice.memberships.get().organisation.parent)
    client.force_login(alice)
    assert client.get(reverse("declare:create")).context["form"]["call"].value() is None


# ---------------------------------------------------------------- prefilled from the unit
def test_a_new_base_starts_from_the_unit_and_the_three_record_years(client, call, alice,
                                                                      unit_a):
    unit_a.nature = "government"
    unit_a.save()
    app = create(call, alice, unit_a)
    assert not Section.objects.filter(application=app).exists()   # nothing stored unasked
    client.force_login(alice)

    def initial(key):
        form = client.get(reverse("declare:section", args=[app.pk, key])).context["form"]
        return form

    cover = initial("cover")
    assert (cover["city"].value(), cover["authority"].value()) == ("甲市", "甲市人力资源和社会保障局")
    t1_1 = initial("t1_1")
    assert [t1_1[k].value() for k in ("unit_name", "credit_code", "nature", "authority")] == [
        "甲市第一技师学院", unit_a.credit_code, "政府办", "甲市人力资源和社会保障局"]
    training = initial("eligibility")
    assert [training[f"training-{i}-year"].value() for i in range(3)] == [2022, 2023, 2024]


def test_the_unit_name_cannot_be_changed_in_the_form(client, alice, call, unit_a):
    unit_a.nature = "government"
    unit_a.save()
    app = create(call, alice, unit_a)
    client.force_login(alice)
    url = reverse("declare:section", args=[app.pk, "t1_1"])
    page = client.get(url)
    html = page.content.decode()
    assert re.search(r'<input[^>]*name="unit_name"[^>]*readonly', html)
    assert re.search(r'<select[^>]*name="nature"[^>]*disabled', html)
    assert "如需修改，请修改单位信息" in html
    client.post(url, {"base_version": 0, "unit_name": "别的单位", "features": "特色",
                      "credit_code": credit_code(7)})
    stored = section_data(app)["t1_1"]
    assert (stored["unit_name"], stored["credit_code"], stored["features"]) == (
        "甲市第一技师学院", unit_a.credit_code, "特色")


def test_every_reading_takes_the_name_from_the_unit(call, alice, unit_a):
    app = create(call, alice, unit_a)
    unit_a.name = "甲市高级技工学校"
    unit_a.save()
    app = Application.objects.get(pk=app.pk)
    t1_1 = next(s for s in render_sections(app, viewer=alice) if s["key"] == "t1_1")
    assert t1_1["values"]["unit_name"] == "甲市高级技工学校"
    assert t1_1["values"]["credit_code"] == unit_a.credit_code


def test_saving_stores_the_units_name_whatever_is_posted(call, alice, unit_a):
    app = create(call, alice, unit_a)
    save_section(application=app, key="t1_1", data={"unit_name": "别的单位", "features": "特色"},
                 base_version=0, by=alice)
    assert section_data(app)["t1_1"]["unit_name"] == "甲市第一技师学院"


def test_a_value_the_registration_lacks_is_typed_on_the_form(client, alice, call, unit_a):
    app = create(call, alice, unit_a)   # unit_a has no 单位性质 registered
    client.force_login(alice)
    html = client.get(reverse("declare:section", args=[app.pk, "t1_1"])).content.decode()
    assert not re.search(r'<select[^>]*name="nature"[^>]*disabled', html)
