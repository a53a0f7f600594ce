import json

import pytest
from django.urls import reverse

from core.errors import DomainError
from declare.models import Material
from declare.services.materials import (
    add_material,
    checklist_status,
    move_material,
    remove_material,
)
from declare.services.workflow import submit_application

from .test_declare_workflow_builders import complete_application
from .test_uploads_samples import EXE, HTML, SVG, pdf_bytes, pdf_upload, png_upload, upload


@pytest.fixture
def app(call, unit_a, alice):
    return complete_application(call=call, unit=unit_a, by=alice)


def _post(client, app, item, f):
    return client.post(reverse("declare:materials", args=[app.pk]), {"item": item, "file": f})


def test_upload_is_stored_privately_under_a_generated_name(client, app, alice):
    client.force_login(alice)
    response = _post(client, app, "evidence", pdf_upload("../../营业执照 副本.pdf"))
    assert response.status_code == 302
    m = app.materials.get(title="营业执照 副本.pdf")
    assert m.file.name.startswith(f"materials/{app.pk}/") and m.file.storage.exists(m.file.name)
    assert "营业执照" not in m.file.name and m.file.name.endswith(".pdf")
    with pytest.raises(NotImplementedError):
        m.file.url  # noqa: B018 — private storage hands out no links
    assert (m.item, m.content_type, m.uploaded_by) == ("evidence", "application/pdf", alice)
    assert app.events.get(action="upload").comment == "佐证材料（需标注目录和页码）：营业执照 副本.pdf"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("营业执照.pdf", EXE, "文件内容实际为 EXE 格式，只能上传 PDF、JPG、PNG 文件（按文件内容识别，与文件扩展名无关）。"),
    ("说明.pdf", HTML, "文件内容为网页或 SVG 等文本格式，只能上传 PDF、JPG、PNG 文件（按文件内容识别，与文件扩展名无关）。"),
    ("截图.png", SVG, "文件内容为网页或 SVG 等文本格式，只能上传 PDF、JPG、PNG 文件（按文件内容识别，与文件扩展名无关）。"),
    ("申报.pdf", pdf_bytes(js=True),
     "PDF 文件包含JavaScript 脚本，存在安全风险，不予上传。请使用“打印为 PDF”或扫描件重新生成后上传。"),
])
def test_refused_upload_shows_the_reason_at_the_field_and_stores_nothing(client, app, alice,
                                                                         name, content, message):
    client.force_login(alice)
    before = Material.objects.count()
    response = _post(client, app, "evidence", upload(name, content))
    assert response.status_code == 400
    assert response.context["rows"][-1]["form"].errors["file"] == [f"{name}：{message}"]
    assert message in response.content.decode()
    assert Material.objects.count() == before


def test_missing_file_is_asked_for(client, app, alice):
    client.force_login(alice)
    response = client.post(reverse("declare:materials", args=[app.pk]), {"item": "evidence"})
    assert "请选择要上传的文件。" in response.content.decode()


def test_unknown_checklist_item_is_refused(app, alice):
    with pytest.raises(DomainError, match="请选择材料清单中的项目。"):
        add_material(app, item="nope", uploaded_file=pdf_upload(), by=alice)


def test_download_is_an_attachment_for_those_who_may_see_it(client, app, alice):
    m = add_material(app, item="evidence", uploaded_file=png_upload("身份证 正面.png"), by=alice)
    client.force_login(alice)
    response = client.get(reverse("declare:material_download", args=[app.pk, m.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%20%E6%AD%A3%E9%9D%A2.png" in \
        response["Content-Disposition"]
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_no_public_url_serves_private_files(client, app, alice):
    m = app.materials.first()
    client.force_login(alice)
    assert client.get("/media/" + m.file.name).status_code == 404
    assert client.get("/private/" + m.file.name).status_code == 404


def _order(app, item="evidence"):
    return list(app.materials.filter(item=item, removed_at__isnull=True)
                .order_by("position").values_list("title", flat=True))


def test_supporting_materials_move_up_and_down(app, alice):
    for n in (2, 3):
        add_material(app, item="evidence", uploaded_file=pdf_upload(f"佐证{n}.pdf"), by=alice)
    assert _order(app) == ["佐证材料（需标注目录和页码）.pdf", "佐证2.pdf", "佐证3.pdf"]
    third = app.materials.get(title="佐证3.pdf")
    move_material(third, by=alice, direction="up")
    assert _order(app) == ["佐证材料（需标注目录和页码）.pdf", "佐证3.pdf", "佐证2.pdf"]
    move_material(third, by=alice, direction="up")
    move_material(third, by=alice, direction="up")
    assert _order(app)[0] == "佐证3.pdf"


def test_drag_and_drop_reorder_endpoint(client, app, alice):
    for n in (2, 3):
        add_material(app, item="evidence", uploaded_file=pdf_upload(f"佐证{n}.pdf"), by=alice)
    ids = list(app.materials.filter(item="evidence").order_by("-position").values_list("pk", flat=True))
    client.force_login(alice)
    url = reverse("declare:material_reorder", args=[app.pk])
    response = client.post(url, json.dumps({"item": "evidence", "ids": ids}),
                           content_type="application/json")
    assert response.json() == {"ok": True, "message": "顺序已保存。"}
    assert _order(app) == ["佐证3.pdf", "佐证2.pdf", "佐证材料（需标注目录和页码）.pdf"]
    response = client.post(url, json.dumps({"item": "evidence", "ids": ids[:2]}),
                           content_type="application/json")
    assert response.status_code == 409
    assert response.json()["message"] == "材料列表已变化，请刷新页面后重新排序。"


def test_removal_is_soft_and_the_checklist_notices(app, alice):
    m = app.materials.get(item="training_record")
    remove_material(m, by=alice)
    m.refresh_from_db()
    assert m.removed_at is not None and m.file.storage.exists(m.file.name)
    row = next(r for r in checklist_status(app) if r["item"].key == "training_record")
    assert (row["present"], row["missing"]) == (False, True)


def test_text_in_the_form_satisfies_the_measures_item(app):
    row = next(r for r in checklist_status(app) if r["item"].key == "measures")
    assert (row["by_text"], row["missing"]) == (True, False)


def test_materials_are_locked_after_submission(client, app, alice):
    submit_application(app, by=alice)
    with pytest.raises(DomainError, match="申报当前状态为“已提交推荐单位”，不能修改材料。"):
        add_material(app, item="evidence", uploaded_file=pdf_upload(), by=alice)
    m = app.materials.first()
    with pytest.raises(DomainError):
        remove_material(m, by=alice)
    client.force_login(alice)
    response = client.post(reverse("declare:materials", args=[app.pk]),
                           {"item": "evidence", "file": pdf_upload()}, follow=True)
    assert "申报当前状态为“已提交推荐单位”，不能修改材料。" in response.content.decode()
    assert app.materials.count() == 2


def test_another_units_user_cannot_upload(app, bob):
    with pytest.raises(DomainError, match="只有本单位的申报用户可以修改材料。"):
        add_material(app, item="evidence", uploaded_file=pdf_upload(), by=bob)


@pytest.mark.parametrize("n", [1, 3])
def test_materials_page_query_count(client, call, unit_a, alice, django_assert_max_num_queries, n):
    app = complete_application(call=call, unit=unit_a, by=alice, materials=False)
    for i in range(n):
        add_material(app, item="evidence", uploaded_file=pdf_upload(f"佐证{i}.pdf"), by=alice)
    client.force_login(alice)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("declare:materials", args=[app.pk])).content.decode()
    assert page.count('class="file"') == n
