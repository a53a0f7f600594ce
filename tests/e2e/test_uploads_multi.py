"""Issue 15 §8 in Chromium: three files chosen at once for one checklist item, each sent with
its own progress bar; the one already uploaded under another item is refused with that item's
name, the two others are stored and appear in the list without a reload."""

import pytest

from catalog.loader import load_occupations
from catalog.models import Occupation
from core.sealed import read_plain
from declare.checklist import item_for

from ..test_declare_workflow_builders import complete_application
from ..test_uploads_samples import image_bytes, pdf_bytes
from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    """The flush after a transactional test empties the catalogue: load it again."""
    if not Occupation.objects.exists():
        load_occupations(Occupation)


def test_three_files_at_once_two_accepted_and_the_duplicate_named_with_its_item(
        page, live_server, call, unit_a, alice, tmp_path, shot):
    app = complete_application(call=call, unit=unit_a, by=alice)
    record = app.materials.get(item="training_record")
    files = {"场地照片.png": image_bytes("PNG", size=(300, 200)),
             "培训记录副本.pdf": read_plain(record.file),
             "合作协议.pdf": pdf_bytes(3)}
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))

    page.set_default_navigation_timeout(60_000)  # the first page of a fresh live server
    login(page, "alice", "Test@pass123")
    page.goto(f"/declare/{app.pk}/materials/")
    section = page.locator("#item-evidence")
    section.locator("input[type=file]").set_input_files(paths)
    section.locator("button[type=submit]", has_text="上传").click()
    rows = section.locator(".upload-progress li")
    page.wait_for_function(
        "() => document.querySelectorAll('#item-evidence .upload-progress .state.ok, "
        "#item-evidence .upload-progress .state.error').length === 3")
    page.wait_for_function(
        "() => document.querySelectorAll('#item-evidence ol.files li.file').length === 3")

    label = item_for(app, "training_record").label
    assert [rows.nth(i).locator(".name").inner_text() for i in range(3)] == list(files)
    assert [rows.nth(i).locator(".state").inner_text() for i in range(3)] == [
        "已上传", f"该文件已上传在“{label}”下，无需重复上传。", "已上传"]
    assert [rows.nth(i).locator("progress").evaluate("p => p.value") for i in (0, 2)] == [100, 100]
    assert rows.nth(1).locator(".state").get_attribute("class") == "state error"
    titles = section.locator("ol.files li.file a").all_inner_texts()
    assert titles[1:] == ["场地照片.png", "合作协议.pdf"]
    assert list(app.materials.filter(item="evidence").order_by("position")
                .values_list("title", flat=True))[1:] == ["场地照片.png", "合作协议.pdf"]
    shot(page, "uploads_multi")


def test_without_javascript_the_same_selection_lists_the_refusal_at_the_item(
        browser, live_server, call, unit_a, alice, tmp_path, shot):
    app = complete_application(call=call, unit=unit_a, by=alice)
    record = app.materials.get(item="training_record")
    (tmp_path / "副本.pdf").write_bytes(read_plain(record.file))
    (tmp_path / "协议.pdf").write_bytes(pdf_bytes(2))
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url,
                                  locale="zh-CN", viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.set_default_navigation_timeout(60_000)  # the first page of a fresh live server
    login(page, "alice", "Test@pass123")
    page.goto(f"/declare/{app.pk}/materials/")
    section = page.locator("#item-evidence")
    section.locator("input[type=file]").set_input_files(
        [str(tmp_path / "副本.pdf"), str(tmp_path / "协议.pdf")])
    section.locator("button[type=submit]", has_text="上传").click()
    page.wait_for_load_state()
    label = item_for(app, "training_record").label
    assert page.locator(".messages").inner_text() == "已上传：协议.pdf"
    assert page.locator("#item-evidence .errorlist").inner_text() == \
        f"副本.pdf：该文件已上传在“{label}”下，无需重复上传。"
    assert page.locator("#item-evidence ol.files li.file a").all_inner_texts()[1:] == ["协议.pdf"]
    shot(page, "uploads_multi_nojs")
    context.close()
