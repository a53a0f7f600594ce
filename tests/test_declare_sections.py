import pytest
from django.db import connection

from calls.choices import Category, ProjectKind
from catalog.selectors import get_occupation
from core import pii
from core.errors import DomainError
from declare.demo import base as demo_base
from declare.demo import studio as demo_studio
from declare.models import ApplicationStatus, Section
from declare.schema import BASE_T1_2, section_spec
from declare.services.applications import create_application
from declare.services.sections import StaleSection, completeness, save_section, section_data
from orgs.roles import Role

from .factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def base_app(call, alice, unit_a):
    return create_application(unit=unit_a, call=call, kind=ProjectKind.BASE,
                              category=Category.MANUFACTURING, tier="A", by=alice,
                              occupations=[(get_occupation("6-18-01-01"), ""),
                                           (get_occupation("6-18-02-04"), "")])


@pytest.fixture
def studio_app(call, alice, unit_a):
    return create_application(unit=unit_a, call=call, kind=ProjectKind.STUDIO,
                              category=Category.OTHER, tier="", by=alice,
                              occupations=[(get_occupation(demo_studio.OCCUPATION), "")])


def test_first_save_creates_version_1_and_records_who(base_app, alice):
    s = save_section(application=base_app, key="t1_2", data={"background": "背景", "foundation": ""},
                     base_version=0, by=alice)
    assert (s.version, s.updated_by, s.complete) == (1, alice, False)
    assert section_data(base_app)["t1_2"] == {"background": "背景", "foundation": ""}


def test_second_of_two_saves_from_the_same_version_is_refused_and_first_is_kept(base_app, alice,
                                                                               unit_a):
    lisi = member("lisi", unit_a, Role.APPLICANT)   # a colleague of the same unit
    alice.first_name = "张三"
    alice.save()
    save_section(application=base_app, key="t1_2", data={"background": "张三写的", "foundation": ""},
                 base_version=0, by=alice)
    with pytest.raises(StaleSection) as exc:
        save_section(application=base_app, key="t1_2",
                     data={"background": "李四写的", "foundation": "李四的基础"},
                     base_version=0, by=lisi)
    assert exc.value.current.version == 1
    assert exc.value.changes == [("项目背景", "张三写的", "李四写的")]
    assert exc.value.details[0].by == "张三"
    assert str(exc.value).startswith("您打开本页后，本栏目已被他人保存，您的修改尚未保存：“项目背景”已被 张三 于 ")
    assert section_data(base_app)["t1_2"] == {"background": "张三写的", "foundation": ""}
    assert Section.objects.get(application=base_app, key="t1_2").version == 1


def test_conflict_lists_only_what_others_changed_after_my_version(base_app, alice, bob):
    save_section(application=base_app, key="t1_2", data={"background": "a", "foundation": "b"},
                 base_version=0, by=alice)
    save_section(application=base_app, key="t1_2", data={"background": "a", "foundation": "c"},
                 base_version=1, by=bob)
    with pytest.raises(StaleSection) as exc:
        save_section(application=base_app, key="t1_2", data={"background": "mine", "foundation": "b"},
                     base_version=1, by=alice)
    assert exc.value.changes == [("工作基础", "c", "b")]
    assert exc.value.details[0].by == bob.first_name


def test_saving_identical_data_does_not_make_a_new_version(base_app, alice):
    data = {"background": "x", "foundation": "y"}
    save_section(application=base_app, key="t1_2", data=data, base_version=0, by=alice)
    s = save_section(application=base_app, key="t1_2", data=data, base_version=0, by=alice)
    assert s.version == 1
    assert s.complete is True


def test_every_save_is_kept_in_history(base_app, alice):
    for n, text in enumerate(["一", "二", "三"]):
        save_section(application=base_app, key="t1_2", data={"background": text}, base_version=n,
                     by=alice)
    s = Section.objects.get(application=base_app, key="t1_2")
    assert [h.data.get("background") for h in s.history.order_by("history_id")] == [
        None, "一", "二", "三"]


def test_submitted_application_cannot_be_saved(base_app, alice):
    base_app.status = ApplicationStatus.SUBMITTED
    base_app.save()
    with pytest.raises(DomainError, match="申报已提交，当前不能修改"):
        save_section(application=base_app, key="t1_2", data={"background": "x"}, base_version=0,
                     by=alice)


def test_unknown_section_key_is_refused(base_app, alice):
    with pytest.raises(DomainError, match="申报表中没有该栏目。"):
        save_section(application=base_app, key="master", data={}, base_version=0, by=alice)


def test_pii_is_stored_encrypted_and_read_back_in_clear(studio_app, alice):
    data = dict(demo_studio.MASTER)
    save_section(application=studio_app, key="master", data=data, base_version=0, by=alice)
    with connection.cursor() as cur:
        cur.execute("SELECT data::text FROM declare_section WHERE application_id = %s AND key = %s",
                    [studio_app.pk, "master"])
        raw = cur.fetchone()[0]
    assert demo_studio.MASTER_ID not in raw
    assert "13947512345" not in raw
    assert "宝音德力格尔" in raw
    stored = Section.objects.get(application=studio_app, key="master").data
    assert stored["id_number"].startswith("enc1:")
    assert pii.decrypt(stored["id_number"]) == demo_studio.MASTER_ID
    assert section_data(studio_app)["master"]["id_number"] == demo_studio.MASTER_ID
    assert section_data(studio_app)["master"]["mobile"] == "13947512345"


def test_masks_keep_first_six_and_last_four_of_an_id_and_hide_the_middle_of_a_mobile():
    assert pii.mask_id("150102198001011234") == "150102********1234"
    assert pii.mask_mobile("13912345678") == "139****5678"


def test_encryption_survives_key_rotation(settings):
    from cryptography.fernet import Fernet

    token = pii.encrypt("150102198001011234")
    settings.FIELD_ENCRYPTION_KEYS_OLD = [settings.FIELD_ENCRYPTION_KEY]
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    assert pii.decrypt(token) == "150102198001011234"
    rotated = pii.rotate(token)
    settings.FIELD_ENCRYPTION_KEYS_OLD = []
    assert pii.decrypt(rotated) == "150102198001011234"


def test_completeness_lists_the_exact_missing_labels(base_app, alice):
    t1_1 = {**demo_base.T1_1, "credit_code": "914403001922038216", "legal_mobile": "",
            "bank": ""}
    save_section(application=base_app, key="t1_1", data=t1_1, base_version=0, by=alice)
    rows = {r["key"]: r for r in completeness(base_app)}
    assert rows["t1_1"]["missing"] == ["法人代表信息·手机", "开户银行"]
    assert rows["t1_1"]["summary"] == "表1-1：法人代表信息·手机、开户银行"
    assert rows["t1_1"]["heading"] == "表1-1 项目单位基本情况信息"
    assert rows["t3_2_1"]["heading"] == "表3-2-1 焊工专业（职业）项目组构成与建设目标"
    assert rows["t4_2"]["missing"] == ["资金总预算及来源（合计金额应大于0）"]
    assert rows["t3_1_2"]["missing"] == [
        "构建完善的高技能人才培训体系（至少填写1行）", "提升培训能力（至少填写1行）",
        "高技能人才培养经验成果（至少填写1行）"]
    assert [r["key"] for r in completeness(base_app)] == [
        "cover", "t1_1", "t1_2", "t2_1", "t2_2", "t3_1_1", "t3_1_2", "t3_2_1", "t3_2_2",
        "t4_1", "t4_2", "opinion", "annex_texts", "eligibility", "summary"]


def test_group_rows_with_empty_required_cells_are_named(base_app, alice):
    data = {"system": [{"item": "课程", "year1": "", "year2": "x"}], "capacity": [], "results": []}
    save_section(application=base_app, key="t3_1_2", data=data, base_version=0, by=alice)
    missing = {r["key"]: r["missing"] for r in completeness(base_app)}["t3_1_2"]
    assert missing[0] == "构建完善的高技能人才培训体系第1行·建设期第一年验收要点"


def test_section_is_complete_when_every_required_field_is_filled(base_app, alice):
    s = save_section(application=base_app, key="t1_2",
                     data={"background": "背景", "foundation": "基础"}, base_version=0, by=alice)
    assert s.complete is True
    assert {r["key"]: r["complete"] for r in completeness(base_app)}["t1_2"] is True
    assert BASE_T1_2.heading == "表1-2 项目背景及工作基础"


def test_one_speciality_gives_one_table_3_block(call, alice, unit_a):
    app = create_application(unit=unit_a, call=call, kind=ProjectKind.BASE,
                             category=Category.SERVICE, tier="B", by=alice,
                             occupations=[(get_occupation("4-10-01-06"), "")])
    keys = [r["key"] for r in completeness(app)]
    assert "t3_1_1" in keys and "t3_2_1" not in keys
    assert section_spec(ProjectKind.BASE, "t3_2_1") is not None
