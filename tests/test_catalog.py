import pytest

from calls.choices import Category
from catalog.models import Occupation, category_for_code
from catalog.selectors import search_occupations

pytestmark = pytest.mark.django_db


def test_catalogue_has_all_major_groups_and_at_least_1630_occupations():
    assert Occupation.objects.filter(level=1).count() == 8
    assert Occupation.objects.filter(level=4).count() >= 1630


def test_gaps_of_the_source_are_filled_and_duplicates_removed():
    assert Occupation.objects.get(code="4-04-05-09").name == "信息系统适配验证师"
    assert Occupation.objects.get(code="6-09-03-05").name == "金属摆件制作工"
    assert Occupation.objects.filter(code="4-12-04-02").count() == 1


def test_lathe_operator_is_found_by_name_and_by_code_prefix():
    assert [o.code for o in search_occupations("车工")] == ["2-02-07-11", "6-18-01-01"]
    by_code = list(search_occupations("6-18"))
    assert by_code[0].code == "6-18-01-01" and by_code[0].name == "车工"
    assert all(o.code.startswith("6-18") for o in by_code)


def test_occupation_links_up_to_its_major_group():
    lathe = Occupation.objects.get(code="6-18-01-01")
    assert lathe.parent.code == "6-18-01-00"
    assert lathe.parent.parent.code == "6-18-00-00"
    assert lathe.parent.parent.parent.code == "6-00-00-00"


def test_green_and_digital_marks_are_flags_not_part_of_the_name():
    additive = Occupation.objects.get(code="6-18-01-13")
    assert additive.name == "增材制造设备操作员"
    assert additive.green and additive.digital and additive.marks == "L/S"


def test_major_group_maps_to_project_category():
    assert category_for_code("6-18-01-01") == Category.MANUFACTURING
    assert category_for_code("4-10-01-05") == Category.SERVICE
    assert category_for_code("2-02-07-11") is None


def test_occupation_search_page_lists_matches(client, alice):
    client.force_login(alice)
    body = client.get("/catalog/occupations/", {"q": "车工"}).content.decode()
    assert "6-18-01-01" in body and "车工" in body
    data = client.get("/catalog/occupations/", {"q": "6-18-01-0"},
                      HTTP_ACCEPT="application/json").json()
    assert data["results"][0] == {"code": "6-18-01-01", "name": "车工", "marks": ""}
