"""Issue 17 §1/§2/§7: forms versioned per call — a 2025 application reads and prints the same
whatever later versions exist, a 2026 one shows the 2026 wording, Call.form is checked and a
version in use is frozen."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

from declare.formdefs import FORMS
from declare.formdefs.registry import FROZEN, frozen_changes
from declare.models import Snapshot
from declare.reading import PRINTED_FORM, render_sections
from declare.schema import section_spec, sections_for
from declare.services.sections import specs_for
from declare.services.snapshots import snapshot_content
from documents.contexts import application_context
from documents.render import render_html
from documents.samples import fill_application

from .factories import ApplicationFactory, occupation


def printed_text(app) -> str:
    return strip_tags(render_html("annex3_base.html", application_context(app)))


@pytest.fixture
def base_2025(call, unit_a, alice):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0042")
    fill_application(app, occupations=[occupation("6-18-01-01")])
    return app


@pytest.fixture
def base_2026(call, unit_a, alice):
    call.form, call.year = "2026-national", 2026
    call.save()
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2026-JD-0001")
    fill_application(app, occupations=[occupation("6-18-01-01")])
    return app


def test_a_2025_print_is_the_same_text_with_or_without_the_2026_form(base_2025, monkeypatch):
    with_2026 = printed_text(base_2025)
    monkeypatch.delitem(FORMS, "2026-national")
    assert printed_text(base_2025) == with_2026
    assert "2022—2024年" not in with_2026 and "资金账号" in with_2026
    assert "人力资源社会保障部 财政部 制2022 年" in with_2026.replace("\n", "")


def test_a_2025_snapshot_is_read_with_its_own_version_after_the_call_changes(base_2025):
    data = snapshot_content(base_2025)
    assert data["form"] == {"key": "2025-national", "fingerprint": FROZEN["2025-national"]}
    snap = Snapshot.objects.create(application=base_2025, version=1, label="2025-JD-0042-v1",
                                   sha256="0" * 64, data=data)
    before = render_sections(snap, viewer=PRINTED_FORM)
    type(base_2025.call).objects.filter(pk=base_2025.call.pk).update(form="2026-national")
    snap.refresh_from_db()
    assert render_sections(snap, viewer=PRINTED_FORM) == before
    rows = dict(next(s for s in before if s["key"] == "t1_1")["rows"])
    assert "资金账号" in rows and "在职教职工人数" not in rows


def test_a_2026_application_shows_the_2026_labels_in_the_form_and_the_pdf(base_2026):
    t1_1 = next(s for s in specs_for(base_2026) if s.key == "t1_1")
    labels = [f.label for f in t1_1.fields()]
    assert "银行账号" in labels and "在职教职工人数" in labels and "资金账号" not in labels
    training = next(s for s in specs_for(base_2026) if s.key == "eligibility").items
    assert any(getattr(i, "label", "") == "2023—2025年职业技能培训开展情况" for i in training)
    text = printed_text(base_2026).replace("\n", "")
    assert "银行账号" in text and "在职教职工人数" in text and "资金账号" not in text
    assert "人力资源社会保障部 财政部 制2025 年" in text
    assert "2026 年国家级高技能人才培训基地" in text
    section = base_2026.sections.get(key="t1_1")
    assert section.form == "2026-national"


def test_the_2026_annex2_has_its_year_and_reads_the_2026_sections(base_2026, base_2025):
    """附件2-1 is its own official form (documents/annex2.py), the same in both versions; its
    title takes the call's year and its row the summary the 2026 form stored."""
    from quotas.annex2 import annex2_row, annex2_title

    assert annex2_title(base_2026.call, base_2026.kind).startswith("2026 年国家级高技能人才培训基地")
    row, old = annex2_row(1, base_2026), annex2_row(1, base_2025)
    assert row.keys() == old.keys() and row["unit"] == base_2026.unit.name
    assert row["performance"] and row["performance"] == section_summary(base_2026)


def section_summary(app) -> str:
    from declare.services.sections import section_data

    return section_data(app)["summary"]["performance"]


def test_a_2026_studio_asks_for_two_more_member_rows():
    members_2025 = next(i for i in section_spec("studio", "master").items if i.key == "members")
    members_2026 = next(i for i in section_spec("studio", "master", form="2026-national").items
                        if i.key == "members")
    assert members_2026.min_rows == members_2025.min_rows + 2


def test_every_2025_key_is_kept_by_2026_for_carry_forward():
    for kind in ("base", "studio"):
        old = {(s.key, i.key) for s in sections_for(kind, 2) for i in s.items}
        new = {(s.key, i.key) for s in sections_for(kind, 2, form="2026-national") for i in s.items}
        assert old <= new


def test_call_form_must_be_a_registered_version_and_is_frozen_once_submitted(base_2025):
    call = base_2025.call
    call.form = "2030-nowhere"
    with pytest.raises(ValidationError) as refused:
        call.full_clean()
    assert "form" in refused.value.message_dict
    call.form = "2026-national"
    call.full_clean()   # no submission yet: may change
    Snapshot.objects.create(application=base_2025, version=1, label="2025-JD-0042-v1",
                            sha256="0" * 64, data={})
    with pytest.raises(ValidationError) as refused:
        call.full_clean()
    assert refused.value.message_dict["form"] == ["本批次已有提交的申报，申报表版本不能更改。"]


def test_a_version_in_use_is_never_edited(monkeypatch):
    assert frozen_changes() == []
    assert {k: FORMS[k].fingerprint for k in FROZEN} == FROZEN
    edited = replace(FORMS["2025-national"], edition=2023)
    monkeypatch.setitem(FORMS, "2025-national", edited)
    assert frozen_changes() == [
        f"申报表版本 2025-national 已被已提交的申报使用，不能再修改（指纹 {FROZEN['2025-national'][:12]}…）。"]


def test_the_database_check_compares_the_fingerprints_snapshots_recorded(base_2025):
    from declare.checks import frozen_forms

    Snapshot.objects.create(application=base_2025, version=1, label="2025-JD-0042-v1",
                            sha256="0" * 64, data={"form": {"key": "2025-national",
                                                            "fingerprint": "f" * 64}})
    errors = frozen_forms(databases=["default"])
    assert [e.id for e in errors] == ["declare.E001"]
