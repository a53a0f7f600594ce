"""Import a 附件1-style quota table (Excel or CSV): 推荐单位 | 培训基地 | 工作室."""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from openpyxl import load_workbook

from calls.choices import ProjectKind
from core.errors import DomainError
from orgs.models import Organisation

from .models import Quota

HEAD_NAMES = ("盟市", "推荐单位", "盟 市")
HEAD_BASE = ("培训基地",)
HEAD_STUDIO = ("工作室",)


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _read_rows(filename: str, content: bytes) -> list[list[str]]:
    if filename.lower().endswith(".csv"):
        text = content.decode("utf-8-sig", errors="replace")
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    if filename.lower().endswith(".xlsx"):
        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's input
            raise DomainError("无法读取该 Excel 文件，请确认文件为 .xlsx 格式。") from exc
        ws = wb.worksheets[0]
        return [["" if v is None else str(v).strip() for v in row]
                for row in ws.iter_rows(values_only=True)]
    raise DomainError("仅支持 .xlsx 或 .csv 文件。")


def _squash(text: str) -> str:
    return "".join(text.split())


def _find_header(rows):
    for i, row in enumerate(rows):
        cells = [_squash(c) for c in row]
        name = next((j for j, c in enumerate(cells) if c in {_squash(h) for h in HEAD_NAMES}), None)
        base = next((j for j, c in enumerate(cells) if any(h in c for h in HEAD_BASE)), None)
        studio = next((j for j, c in enumerate(cells) if any(h in c for h in HEAD_STUDIO)), None)
        if None not in (name, base, studio):
            return i, name, base, studio
    raise DomainError("未找到表头：需要“盟市（或推荐单位）”“培训基地”“工作室”三列。")


def _match(name: str):
    key = _squash(name)
    return Organisation.objects.filter(
        Q(short_name=key) | Q(name=key) | Q(name__startswith=key)
    ).exclude(kind="applicant").order_by("kind").first()


def parse_amount(value: str, where: str, errors: list[str]) -> int | None:
    try:
        amount = int(float(value))
    except (TypeError, ValueError):
        errors.append(f"{where}：名额“{value}”不是数字。")
        return None
    if amount < 0 or amount != float(value):
        errors.append(f"{where}：名额必须是非负整数。")
        return None
    return amount


@transaction.atomic
def import_quotas(*, call, filename: str, content: bytes, add_recommenders=True) -> ImportResult:
    """Replace-or-create the quotas listed; all or nothing (any error rolls the whole file back)."""
    rows = _read_rows(filename, content)
    head, ci_name, ci_base, ci_studio = _find_header(rows)
    result = ImportResult()
    for n, row in enumerate(rows[head + 1:], start=head + 2):
        name = _squash(row[ci_name]) if len(row) > ci_name else ""
        if not name or name in ("合计", "总计"):
            continue
        where = f"第{n}行（{name}）"
        org = _match(name)
        if org is None:
            result.errors.append(f"{where}：系统中没有该推荐单位。")
            continue
        for col, kind in ((ci_base, ProjectKind.BASE), (ci_studio, ProjectKind.STUDIO)):
            amount = parse_amount(row[col] if len(row) > col else "", where, result.errors)
            if amount is None:
                continue
            _, created = Quota.objects.update_or_create(
                call=call, recommender=org, kind=kind, defaults={"amount": amount})
            result.created += created
            result.updated += not created
        if add_recommenders:
            call.recommenders.add(org)
        result.rows += 1
    if result.errors:
        transaction.set_rollback(True)
    return result
