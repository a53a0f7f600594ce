"""The save service refuses malformed section data whatever path calls it (issue 17 §3), with
the field-level message the page gives; the page's drafts keep invalid typing as before."""

import pytest

from calls.choices import Category, ProjectKind
from catalog.selectors import get_occupation
from core.errors import DomainError
from declare.boundary import check_section
from declare.models import Section
from declare.services.applications import create_application
from declare.services.sections import save_section, section_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(call, alice, unit_a):
    return create_application(unit=unit_a, call=call, kind=ProjectKind.BASE,
                              category=Category.MANUFACTURING, tier="B", by=alice,
                              occupations=[(get_occupation("6-18-01-01"), "")])


def refused(app, alice, key, data) -> DomainError:
    with pytest.raises(DomainError) as caught:
        save_section(application=app, key=key, data=data, base_version=0, by=alice)
    assert not Section.objects.filter(application=app, key=key, version__gt=0).exists()
    return caught.value


def test_a_bad_mobile_is_refused_at_the_service_with_the_pages_message(app, alice):
    error = refused(app, alice, "t1_1", {"legal_mobile": "1381234", "bank": "中国银行"})
    assert error.field == "legal_mobile"
    assert str(error).startswith("表1-1 项目单位基本情况信息：法人代表信息·手机：")
    assert "11位" in str(error)


def test_unknown_keys_wrong_types_and_too_many_rows_are_refused(app, alice):
    assert refused(app, alice, "t1_2", {"background": "背景", "secret": "x"}).field == "secret"
    assert "格式不正确" in str(refused(app, alice, "t1_2", {"background": {"a": 1}}))
    error = refused(app, alice, "t4_2", {"budget": {"system": {"central": "12,3a"}}})
    assert error.field == "budget" and "只填写数字" in str(error)
    assert "格式不正确" in str(refused(app, alice, "t4_2", {"budget": {"moon": {}}}))
    with pytest.raises(DomainError, match="栏目"):
        save_section(application=app, key="t1_2", data=["not", "a", "dict"], base_version=0,
                     by=alice)


def _spec_with(group_key):
    from declare.schema import sections_for

    return next(s for s in sections_for(ProjectKind.BASE, 1, "B")
                if any(getattr(i, "key", "") == group_key for i in s.items))


def test_group_rows_are_checked_cell_by_cell(app, alice):
    spec = _spec_with("training")
    group = next(i for i in spec.items if i.key == "training")
    error = refused(app, alice, spec.key, {"training": [{} for _ in range(4)]})
    assert "最多填写3行（当前4行）" in str(error)
    error = refused(app, alice, spec.key, {"training": [{"year": 2022, "trainees": "很多"}]})
    assert error.field == "training-0-trainees"
    assert str(error).startswith(f"{spec.heading}：{group.label}第1行·培训人次：")
    assert refused(app, alice, spec.key, {"training": [{"nonsense": "1"}]}).field == \
        "training-0-nonsense"


def test_values_are_stored_in_their_canonical_form(app, alice):
    spec = _spec_with("training")
    save_section(application=app, key=spec.key, data={
        "capacity": "２,４００", "training": [{"year": "2022", "trainees": "3,100",
                                               "pass_rate": "95.5"}]},
                 base_version=0, by=alice)
    stored = section_data(app)[spec.key]
    assert stored["capacity"] == 2400
    assert stored["training"] == [{"year": 2022, "trainees": 3100, "pass_rate": "95.5"}]
    save_section(application=app, key="t1_1", data={"bank": "  中国银行  "}, base_version=0,
                 by=alice)
    assert section_data(app)["t1_1"]["bank"] == "中国银行"
    assert check_section(spec, stored) == (stored, {})  # the stored form passes as it is
