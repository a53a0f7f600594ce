"""Browser helpers for the applicant journeys: fill a 附件3/附件4 section from declare.schema by
typing into the real page (rows added and removed with the page's own buttons), save it with
the page's 保存 button, create an application, and upload small real files."""

import re

from declare.budget import CONTENT_KEYS, SOURCE_KEYS, cell_name
from declare.schema import Group, section_spec
from tests.test_uploads_samples import image_bytes, pdf_bytes  # noqa: F401 - re-exported

# the new application's own page (/declare/<pk>/), not the form it was created on
# (/declare/new/, which a glob like **/declare/*/ matches at once)
APPLICATION_PAGE = re.compile(r".*/declare/\d+/(\?.*)?$")


def png_bytes(size=(64, 40)) -> bytes:
    return image_bytes("PNG", size=size, color=(40, 90, 160))

CHOICE_TYPES = ("choice", "ethnicity", "political", "skill_level")


def choose_call(page, year: int = 2025):
    """The 申报批次 of `year` (the demo has a 2026 call beside the 2025 one; these journeys
    fill the 2025 form)."""
    options = page.locator("select[name=call] option")
    label = next(t for t in options.all_inner_texts() if f"{year}年" in t)
    page.locator("select[name=call]").select_option(label=label)


def create_application(page, *, kind, category, tier="", occupations=()):
    """新建申报 through the form; returns the new application's id (from the overview URL)."""
    page.goto("/declare/")
    page.click("text=新建申报")
    choose_call(page)
    page.check(f"input[name=kind][value={kind}]")
    page.check(f"input[name=category][value={category}]")
    if tier:
        page.check(f"input[name=tier][value={tier}]")
    for n, (code, work_type) in enumerate(occupations, start=1):
        page.fill(f"input[name=occupation_{n}]", code)
        page.fill(f"input[name=work_type_{n}]", work_type)
    page.click("button:has-text('创建申报')")
    page.wait_for_url(APPLICATION_PAGE)
    assert "已创建申报" in page.locator(".messages").inner_text()
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def _text(value) -> str:
    return "" if value is None else str(value)


def fill_field(scope, field, name, value):
    """Type one schema Field's value into the input called `name` within `scope`."""
    el = scope.locator(f"[name='{name}']")
    if field.from_unit or (field.tiers and not el.count()):
        return   # the unit's registration, read-only; a question of another tier, not shown
    if field.type == "yesno":
        if value:
            scope.locator(f"input[name='{name}'][value='{value}']").check()
    elif field.type == "declaration":
        el.set_checked(bool(value))
    elif field.type in CHOICE_TYPES:
        el.select_option(value=_text(value))
    else:
        el.fill(_text(value))


def set_row_count(page, group_key: str, count: int):
    """Add or remove rows with the page's 增加一行 / 删除 buttons until `count` rows are shown."""
    fieldset = page.locator(f"fieldset[data-group='{group_key}']")
    rows = fieldset.locator("tbody[data-rows] > tr[data-row]")
    while rows.count() < count:
        fieldset.locator("[data-add-row]").click()
    while rows.count() > count:
        rows.last.locator("[data-remove-row]").click()
    return rows


def fill_group(page, group: Group, rows: list[dict]):
    if not group.fixed:   # a fixed group has its rows, and their fixed cell, from the start
        set_row_count(page, group.key, len(rows))
    for i, row in enumerate(rows):
        for f in group.fields:
            if f.key != group.fixed:
                fill_field(page, f, f"{group.key}-{i}-{f.key}", row.get(f.key))


def fill_budget(page, field_key: str, grid: dict):
    for c in CONTENT_KEYS:
        for s in SOURCE_KEYS:
            page.fill(f"[name='{cell_name(field_key, c, s)}']", _text((grid.get(c) or {}).get(s)))


def open_section(page, app_pk: int, key: str):
    page.goto(f"/declare/{app_pk}/sections/{key}/")


def type_section(page, spec, values: dict):
    """Type every item of the section (fields, repeating groups, the budget grid)."""
    for item in spec.items:
        value = values.get(item.key)
        if isinstance(item, Group):
            fill_group(page, item, value or [])
        elif item.type == "budget":
            fill_budget(page, item.key, value or {})
        else:
            fill_field(page, item, item.key, value)


def save(page, *, expect_ok=True):
    """Click 保存 (the page's own submit) and wait for the page it leads to."""
    with page.expect_navigation():
        page.click("button[name=_save]")
    messages = page.locator(".messages").inner_text()
    if expect_ok:
        assert "已保存" in messages, messages
    return messages


def fill_section(page, app_pk: int, kind: str, key: str, values: dict):
    spec = section_spec(kind, key)
    open_section(page, app_pk, key)
    type_section(page, spec, values)
    save(page)


def upload(page, item_key: str, name: str, content: bytes, mime: str):
    """Upload one file under a checklist item on the 申报材料 page."""
    section = page.locator(f"#item-{item_key}")
    before = section.locator("ol.files li.file").count()
    section.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": mime, "buffer": content})
    section.locator("form.upload button[type=submit]").click()
    # Sent by the page's script with its own progress bar; the item's list is then reloaded.
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n",
        arg=[f"#item-{item_key} ol.files li.file", before])
    assert name in file_titles(page, item_key)


def file_titles(page, item_key: str) -> list[str]:
    return page.locator(f"#item-{item_key} ol.files li.file > a").all_inner_texts()
