"""Several files per upload, and the same file refused twice in one application (issue 15 §8)."""

import hashlib

import pytest
from django.urls import reverse

from calls.choices import ProjectKind
from core.errors import DomainError
from core.sealed import read_plain
from declare.services.materials import add_material, add_materials, remove_material

from .test_declare_workflow_builders import complete_application
from .test_uploads_samples import EXE, image_bytes, pdf_bytes, upload

EVIDENCE = "佐证材料（需标注目录和页码）"


@pytest.fixture
def app(call, unit_a, alice):
    return complete_application(call=call, unit=unit_a, by=alice)


def _pdf(name, data=None):
    return upload(name, data or pdf_bytes(), "application/pdf")


def _titles(app, item):
    return list(app.materials.filter(item=item, removed_at__isnull=True)
                .order_by("position").values_list("title", flat=True))


def test_three_files_at_once_keep_the_two_good_ones_and_name_the_item_of_the_duplicate(
        client, app, alice):
    record = app.materials.get(item="training_record")
    client.force_login(alice)
    response = client.post(reverse("declare:materials", args=[app.pk]), {
        "item": "evidence",
        "file": [_pdf("场地照片.pdf"), _pdf("再次上传.pdf", read_plain(record.file)),
                 _pdf("合同.pdf")]})
    assert response.status_code == 400
    label = next(r["item"].label for r in response.context["rows"]
                 if r["item"].key == "training_record")
    errors = response.context["rows"][-1]["form"].errors["file"]
    assert errors == [f"再次上传.pdf：该文件已上传在“{label}”下，无需重复上传。"]
    assert _titles(app, "evidence") == [f"{EVIDENCE}.pdf", "场地照片.pdf", "合同.pdf"]
    page = response.content.decode()
    assert "已上传：场地照片.pdf、合同.pdf" in page and errors[0] in page


def test_a_selection_of_good_files_is_stored_in_order_and_redirects(client, app, alice):
    client.force_login(alice)
    response = client.post(reverse("declare:materials", args=[app.pk]), {
        "item": "evidence", "file": [_pdf("一.pdf"), _pdf("二.pdf")]})
    assert response.status_code == 302 and response.url.endswith("#item-evidence")
    assert _titles(app, "evidence") == [f"{EVIDENCE}.pdf", "一.pdf", "二.pdf"]


def test_each_refused_file_of_a_selection_has_its_own_reason(app, alice):
    data = pdf_bytes()
    outcomes = add_materials(app, item="evidence", by=alice, files=[
        _pdf("甲.pdf", data), upload("程序.pdf", EXE), _pdf("甲副本.pdf", data),
        upload("空.pdf", b"")])
    assert [(o.name, o.material is not None, o.refusal) for o in outcomes] == [
        ("甲.pdf", True, ""),
        ("程序.pdf", False, "文件内容实际为 EXE 格式，只能上传 PDF、JPG、PNG 文件（按文件内容识别，"
                          "与文件扩展名无关）。"),
        ("甲副本.pdf", False, f"该文件已上传在“{EVIDENCE}”下，无需重复上传。"),
        ("空.pdf", False, "文件为空，请重新选择。"),
    ]
    assert _titles(app, "evidence") == [f"{EVIDENCE}.pdf", "甲.pdf"]


def test_a_removed_file_may_be_uploaded_again(app, alice):
    data = pdf_bytes()
    first = add_material(app, item="evidence", uploaded_file=_pdf("甲.pdf", data), by=alice)
    remove_material(first, by=alice)
    again = add_material(app, item="evidence", uploaded_file=_pdf("甲.pdf", data), by=alice)
    assert again.sha256 == first.sha256 == hashlib.sha256(data).hexdigest()


def test_the_same_file_in_another_application_is_accepted(call, unit_a, alice, app):
    data = pdf_bytes()
    add_material(app, item="evidence", uploaded_file=_pdf("甲.pdf", data), by=alice)
    other = complete_application(call=call, unit=unit_a, by=alice, materials=False)
    assert add_material(other, item="evidence", uploaded_file=_pdf("甲.pdf", data), by=alice)


def test_a_sealed_personal_file_is_recognised_by_its_plain_content(call, unit_a, alice):
    studio = complete_application(call=call, unit=unit_a, by=alice, kind=ProjectKind.STUDIO,
                                  codes=("6-18-02-04",), materials=False)
    photo = image_bytes("PNG")
    card = add_material(studio, item="id_card", uploaded_file=upload("身份证.png", photo),
                        by=alice)
    assert card.file.storage.open(card.file.name).read(5) == b"enc1:"
    assert card.sha256 == hashlib.sha256(photo).hexdigest() == \
        hashlib.sha256(read_plain(card.file)).hexdigest()
    with pytest.raises(DomainError, match="该文件已上传在“领办人身份证”下，无需重复上传。"):
        add_material(studio, item="awards", uploaded_file=upload("奖状.png", photo), by=alice)


def test_the_script_gets_one_json_answer_per_file(client, app, alice):
    client.force_login(alice)
    url = reverse("declare:materials", args=[app.pk])
    data = pdf_bytes()
    ok = client.post(url, {"item": "evidence", "file": _pdf("甲.pdf", data)},
                     headers={"accept": "application/json"})
    assert (ok.status_code, ok.json()) == (200, {"files": [
        {"name": "甲.pdf", "ok": True, "message": "已上传"}]})
    again = client.post(url, {"item": "evidence", "file": _pdf("乙.pdf", data)},
                        headers={"accept": "application/json"})
    assert (again.status_code, again.json()) == (400, {"files": [
        {"name": "乙.pdf", "ok": False, "message": f"该文件已上传在“{EVIDENCE}”下，无需重复上传。"}]})
    empty = client.post(url, {"item": "evidence"}, headers={"accept": "application/json"})
    assert (empty.status_code, empty.json()["files"][0]["message"]) == (400, "请选择要上传的文件。")


def test_the_upload_field_takes_several_files(client, app, alice):
    client.force_login(alice)
    page = client.get(reverse("declare:materials", args=[app.pk])).content.decode()
    assert page.count('name="file"') == 4
    assert page.count("multiple required") == 4
