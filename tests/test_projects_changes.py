from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import DomainError
from core.sealed import read_plain
from projects.choices import ChangeStatus, ProjectStatus
from projects.models import FundsRecovery
from projects.services import approve_change, record_spending, reject_change, request_change

from .test_projects_support import pdf_bytes

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db
CERT = "Y" + "1" * 21


def _leader(project, user, **kw):
    values = {"kind": "leader", "reason": "原领办人退休", "leaving": "retired",
              "new_leader_name": "李新", "new_leader_level": "1",
              "new_leader_certificate": CERT} | kw
    return request_change(project, by=user, **values)


def test_rename_keeps_the_project_and_history_keeps_the_old_name(base_project, alice, rita):
    old = base_project.unit.name
    change = request_change(base_project, by=alice, kind="rename", reason="机构改革合并",
                            new_name="甲市高级技工学校", new_short_name="甲高技")
    assert change.old_value == old
    approve_change(change, by=rita, comment="同意")
    base_project.refresh_from_db()
    unit = base_project.unit
    assert (unit.name, unit.short_name) == ("甲市高级技工学校", "甲高技")
    assert base_project.status == ProjectStatus.CONSTRUCTION
    history = list(unit.history.order_by("history_date").values_list("name", flat=True))
    assert history[0] == old and history[-1] == "甲市高级技工学校"
    assert base_project.events.last().action == "核准单位名称变更"


def test_rename_to_an_existing_name_is_refused_at_the_field(base_project, alice, unit_b):
    with pytest.raises(DomainError, match="系统中已有同名单位") as exc:
        request_change(base_project, by=alice, kind="rename", reason="重组", new_name=unit_b.name)
    assert exc.value.field == "new_name"


def test_new_leader_below_senior_technician_is_refused(studio_project, alice):
    with pytest.raises(DomainError) as exc:
        _leader(studio_project, alice, new_leader_level="2")
    assert exc.value.field == "new_leader_level"
    assert exc.value.message.startswith("新领办人应具备一级/高级技师及以上职业技能等级")


def test_new_leader_certificate_must_be_a_letter_and_21_digits(studio_project, alice):
    with pytest.raises(DomainError, match="证书编号应为1位字母（Y或S）加21位数字"):
        _leader(studio_project, alice, new_leader_certificate="Y123")


def test_leader_change_is_for_studios_only(base_project, alice):
    with pytest.raises(DomainError, match="只有工作室建设项目可以变更领办人"):
        _leader(base_project, alice)


def test_approved_leader_change_continues_the_studio_with_the_new_leader(studio_project, alice,
                                                                        rita):
    change = _leader(studio_project, alice, new_leader_level="special")
    assert (change.old_value, change.status) == ("王师傅", ChangeStatus.PENDING)
    approve_change(change, by=rita)
    studio_project.refresh_from_db()
    assert (studio_project.leader_name, studio_project.leader_level_label) == ("李新", "特级技师")
    assert studio_project.status == ProjectStatus.CONSTRUCTION


def test_one_pending_request_per_kind(studio_project, alice):
    _leader(studio_project, alice)
    with pytest.raises(DomainError, match="已有待核准的“工作室领办人变更”申请"):
        _leader(studio_project, alice)


def test_dissolution_terminates_and_records_the_unspent_funds(base_project, alice, rita):
    record_spending(base_project, by=alice, spent_on=date(2025, 4, 1), purpose="equipment",
                    content="capacity", source="central", amount=Decimal("7.25"),
                    description="设备")
    change = request_change(base_project, by=alice, kind="dissolve", reason="单位撤销")
    assert change.unspent_amount == Decimal("12.75")
    approve_change(change, by=rita)
    base_project.refresh_from_db()
    assert base_project.status == ProjectStatus.TERMINATED
    recovery = FundsRecovery.objects.get(project=base_project)
    assert (recovery.amount, recovery.reason) == (Decimal("12.75"), "单位撤销：未实施的项目资金")


def test_rejection_needs_a_reason_and_changes_nothing(studio_project, alice, rita):
    change = _leader(studio_project, alice)
    with pytest.raises(DomainError, match="不予核准时请填写理由"):
        reject_change(change, by=rita, comment=" ")
    reject_change(change, by=rita, comment="新领办人未在本单位工作")
    studio_project.refresh_from_db()
    assert studio_project.leader_name == "王师傅"
    with pytest.raises(DomainError, match="该变更申请已处理"):
        approve_change(change, by=rita)


def test_the_recommender_may_not_approve_a_change(studio_project, alice, rex):
    change = _leader(studio_project, alice)
    with pytest.raises(DomainError, match="只有发文单位的审核人员或管理员可以核准变更"):
        approve_change(change, by=rex)


def test_change_documents_must_be_pdf(base_project, alice):
    fake = SimpleUploadedFile("批复.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as exc:
        request_change(base_project, by=alice, kind="dissolve", reason="撤销", document=fake)
    assert exc.value.field == "document"
    pdf = pdf_bytes()
    ok = SimpleUploadedFile("撤销批复.pdf", pdf, content_type="application/pdf")
    change = request_change(base_project, by=alice, kind="dissolve", reason="撤销", document=ok)
    assert change.document_name.endswith(".pdf")
    # sealed at rest (a leader change proves a certificate: personal data), whole when read
    stored = change.document.read()
    assert stored.startswith(b"enc1:") and pdf not in stored
    assert read_plain(change.document) == pdf
