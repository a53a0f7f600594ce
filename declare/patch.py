"""The autosave's small write (issue 20 §2): the items of one section the user changed.

The page (static/js/autosave.js) posts JSON, not the whole form:

    {"base_version": 7, "items": {"legal_mobile": [["legal_mobile", "1390…"]],
                                  "members": [["members-TOTAL", "2"], ["members-0-name", "…"], …]}}

An item is one schema item of the section (a Field, a whole Group with its `-TOTAL` and every
row, the whole 表4-2 grid); its inputs are named as the section form names them
(declare.forms.section), so an input belongs to the item its name starts with. Each changed
item is read by the SAME form builder as the full page (SectionForm over just these items:
valid values, and the raw text of invalid inputs as Section.pending), and stored by the one save
service (declare.services.sections.save_section with `only=`), which runs the boundary check
(declare.boundary.check_section) on exactly these items and keeps every other item as stored.
`merge` is that last step: the stored section with the patched items replaced.
"""

import json
from dataclasses import dataclass, replace

from django.utils.datastructures import MultiValueDict

from core.errors import DomainError

from .boundary import UNKNOWN
from .budget import CONTENT_KEYS, SOURCE_KEYS, cell_name
from .forms.section import SectionForm, total_name
from .schema import Group, SectionSpec, sections_for

MALFORMED = "自动保存的数据格式不正确，请点击“保存”。"
INCOMPLETE = "数据格式不正确：本项的填写不完整。"


@dataclass
class Patch:
    base_version: int
    keys: frozenset            # the schema items it replaces
    data: dict                 # {item key: value} of those items (plain, not yet checked)
    pending: dict              # {stored input name: {"value", "errors"}} of those items
    errors: dict               # {posted input name: [message]} of those items


def item_key(name: str) -> str:
    """The schema item an input name belongs to (`members-0-name` → members)."""
    return name.partition("-")[0]


class RefusedPatch(DomainError):
    """A body that is not a patch, or one naming an item or input the section does not have,
    or half an item: nothing is stored. `errors` {input name: [message]} (may be empty)."""

    def __init__(self, errors: dict[str, list[str]] | None = None):
        self.errors = errors or {}
        name, messages = next(iter(self.errors.items()), (None, [MALFORMED]))
        super().__init__(f"自动保存未能保存：{messages[0]}", field=name)


def patch_spec(application, key: str) -> SectionSpec | None:
    """The section `key` of this application as its page shows it (tier applied); the
    speciality count is read only for a section of the second speciality (表3-2-n)."""
    kind, tier = application.kind, application.tier
    spec = next((s for s in sections_for(kind, 1, tier) if s.key == key), None)
    if spec is None and any(s.key == key for s in sections_for(kind, 2, tier)) \
            and application.specialities.count() >= 2:
        spec = next(s for s in sections_for(kind, 2, tier) if s.key == key)
    return spec


def _body(raw: bytes) -> tuple[int, dict[str, list]]:
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise RefusedPatch() from None
    version = body.get("base_version") if isinstance(body, dict) else None
    items = body.get("items") if isinstance(body, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0 \
            or not isinstance(items, dict) or not items:
        raise RefusedPatch()
    for inputs in items.values():
        if not isinstance(inputs, list) or not all(
                isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e)
                for e in inputs):
            raise RefusedPatch()
    return version, items


def _whole(item, names: set[str]) -> bool:
    """A Group comes with its row count, the 表4-2 grid with all its cells."""
    if isinstance(item, Group):
        return total_name(item.key) in names
    if item.type == "budget":
        return all(cell_name(item.key, c, s) in names for c in CONTENT_KEYS for s in SOURCE_KEYS)
    return True


def read_patch(spec: SectionSpec, raw: bytes) -> Patch:
    """The changed items of `spec` as the section form reads them; RefusedPatch names the first
    input that does not belong, DomainError answers a body that is not a patch at all."""
    version, items = _body(raw)
    known = {item.key: item for item in spec.items}
    refused, posted = {}, MultiValueDict()
    for key, inputs in items.items():
        if key not in known:
            refused[key] = [UNKNOWN]
            continue
        names = {name for name, _value in inputs}
        strays = [n for n in names if item_key(n) != key]
        if strays:
            refused.update({n: [UNKNOWN] for n in strays})
        elif not _whole(known[key], names):
            refused[key] = [INCOMPLETE]
        for name, value in inputs:   # an item sent with no inputs reads blank / unticked
            posted.appendlist(name, value)
    if refused:
        raise RefusedPatch(refused)
    keys = frozenset(items)
    form = SectionForm(replace(spec, items=tuple(i for i in spec.items if i.key in keys)),
                       data=posted)
    form.is_valid()
    data, pending = form.draft()
    return Patch(version, keys, data, pending, form.invalid_inputs())


def merge(stored: dict, stored_pending: dict, patch_keys, data: dict, pending: dict):
    """(data, pending) of the whole section: the stored ones with the patched items replaced."""
    keys = frozenset(patch_keys)
    merged = {**stored, **{k: v for k, v in data.items() if k in keys}}
    kept = {name: entry for name, entry in stored_pending.items() if item_key(name) not in keys}
    return merged, {**kept, **{n: e for n, e in pending.items() if item_key(n) in keys}}


def answer_errors(section_pending: dict, patch: Patch) -> dict[str, list[str]]:
    """Every input of the section still wrong, as the page names it: the patched items by the
    names just posted, the others by their stored names (the page shows them so)."""
    out = {name: list(entry.get("errors") or []) for name, entry in section_pending.items()
           if item_key(name) not in patch.keys}
    return {**out, **patch.errors}
