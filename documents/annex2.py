"""附件2-1 / 附件2-2 申报情况汇总表 as Excel (openpyxl) and PDF, from plain rows.

The one definition of the official form: its number (ANNEX), column heads in order with their
Excel widths (COLUMNS) and 填表说明 (NOTES), character for character as in 105号 附件2-1/2-2;
quotas.annex2 builds the rows under these keys and its HTML preview reads the same heads.
header = {"title", "recommender", "filler", "phone"}. The rows come from
quotas.selectors.annex2_rows (ranking order); nothing here reads a model.
"""

from copy import copy
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .render import render_pdf

ANNEX = {"base": "附件2-1", "studio": "附件2-2"}
COLUMNS = {
    "base": (("seq", "序号", 6), ("unit", "项目申报单位", 24), ("category", "项目类别", 16),
             ("occupation", "申报职业（工种）及代码", 22), ("honours", "获得荣誉情况", 36),
             ("performance", "开展培训及主要业绩情况", 50)),
    "studio": (("seq", "序号", 6), ("unit", "项目申报单位", 22), ("category", "项目类别", 14),
               ("occupation", "申报职业（工种）及代码", 20), ("leader", "领办人", 10),
               ("leader_level", "领办人职业技能等级", 14), ("leader_awards", "领办人获奖情况", 30),
               ("leader_performance", "领办人主要业绩情况", 40)),
}
NOTES = {
    "base": "填表说明：项目类别填写：生产制造类 A 档、生产制造类 B 档、社会生产和生活服务类 A 档、"
            "社会生产和生活服务类 B 档（选择一项）；职业（工种）及代码请按照中华人民共和国职业分类"
            "大典（2022 年版）细类填写；获得荣誉情况请注明年份。",
    "studio": "填表说明：项目类别填写：生产制造类、社会生产和生活服务类、其他类（选择一项）；职业"
              "（工种）及代码请按照中华人民共和国职业分类大典（2022 年版）细类填写；获奖情况请注明年份。",
}
HEAD_ROW = 4
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FONT = "宋体"


def safe_cell(ws: Worksheet, row: int, col: int, value):
    """Write `value`; text that a spreadsheet would read as a formula (= + - @, tab, CR) is
    stored as a literal string with the quote prefix, never as a formula."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.value = value
        cell.data_type = "s"
        cell.quotePrefix = True
    else:
        cell.value = value if isinstance(value, int | float) else ("" if value is None
                                                                   else str(value))
    return cell


def fill_sheet(ws: Worksheet, kind: str, header: dict, rows: list[dict], *, extra=()):
    """One 汇总表 on `ws`: 附件 number, title, header line, column heads, rows, 填表说明.
    `extra` = ((key, head, width), …) columns inserted after 序号 (the region total sheet)."""
    cols = (COLUMNS[kind][0], *extra, *COLUMNS[kind][1:])
    last = get_column_letter(len(cols))
    ws["A1"] = ANNEX[kind]
    ws["A1"].font = Font(name="黑体", size=12, bold=True)
    ws.merge_cells(f"A2:{last}2")
    safe_cell(ws, 2, 1, header.get("title") or "").font = Font(name="方正小标宋简体", size=16,
                                                                bold=True)
    ws["A2"].alignment = CENTRE
    ws.row_dimensions[2].height = 32
    _header_line(ws, len(cols), header)
    for i, (_key, head, width) in enumerate(cols, start=1):
        c = safe_cell(ws, HEAD_ROW, i, head)
        c.font, c.alignment, c.border = Font(name=FONT, size=11, bold=True), CENTRE, BOX
        ws.column_dimensions[get_column_letter(i)].width = width
    styles = {}  # centred or not → the body cell's style, registered with the workbook once
    for r, row in enumerate(rows, start=HEAD_ROW + 1):
        for i, (key, _head, _w) in enumerate(cols, start=1):
            c = safe_cell(ws, r, i, row.get(key, ""))
            centred = key in ("seq", "category", "leader", "leader_level")
            if centred in styles:  # the same font/border/alignment ids, without re-hashing
                prefixed, c._style = c.quotePrefix, copy(styles[centred])
                c.quotePrefix = prefixed or c.quotePrefix
                continue
            c.font, c.border = Font(name=FONT, size=10), BOX
            c.alignment = CENTRE if centred else WRAP
            if not c.quotePrefix:
                styles[centred] = copy(c._style)
    note_row = HEAD_ROW + len(rows) + 2
    ws.merge_cells(f"A{note_row}:{last}{note_row}")
    note = safe_cell(ws, note_row, 1, NOTES[kind])
    note.alignment, note.font = WRAP, Font(name=FONT, size=10)
    ws.row_dimensions[note_row].height = 48
    _page_setup(ws, f"A1:{last}{note_row}")


def _header_line(ws, ncols: int, header: dict):
    """推荐单位：/填表人：/联系电话： on row 3, split over the width like the official form."""
    a, b = max(2, ncols // 2), max(3, ncols // 2 + (ncols - ncols // 2) // 2 + 1)
    spans = ((1, a, "推荐单位：", header.get("recommender")), (a + 1, b, "填表人：",
             header.get("filler")), (b + 1, ncols, "联系电话：", header.get("phone")))
    for start, end, label, value in spans:
        if end > start:
            ws.merge_cells(start_row=3, start_column=start, end_row=3, end_column=end)
        c = ws.cell(row=3, column=start, value=f"{label}{value or ''}")
        c.font, c.alignment = Font(name=FONT, size=11), Alignment(vertical="center")
    ws.row_dimensions[3].height = 22


def _page_setup(ws, area: str):
    ws.print_area = area
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.freeze_panes = f"A{HEAD_ROW + 1}"


def _bytes(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def annex2_xlsx(kind: str, header: dict, rows: list[dict]) -> bytes:
    """附件2-1 (kind "base") or 附件2-2 ("studio") as an .xlsx file."""
    wb = Workbook()
    ws = wb.active
    ws.title = ANNEX[kind]
    fill_sheet(ws, kind, header, rows)
    return _bytes(wb)


def sheet_title(name: str, taken: set) -> str:
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in name)[:28] or "推荐单位"
    title, n = clean, 2
    while title in taken:
        title, n = f"{clean[:26]}-{n}", n + 1
    taken.add(title)
    return title


def region_xlsx(kind: str, title: str, sheets: list[tuple[dict, list[dict]]]) -> bytes:
    """All recommenders in one workbook for administrators: a 汇总 sheet (every row, with its
    推荐单位, numbered through) followed by one sheet per recommender (its own ranking)."""
    wb = Workbook()
    total = wb.active
    total.title = "汇总"
    all_rows = [{**row, "seq": n, "recommender": header.get("recommender", "")}
                for n, (header, row) in enumerate(
                    ((h, r) for h, rows in sheets for r in rows), start=1)]
    fill_sheet(total, kind, {"title": title, "recommender": "全区汇总"}, all_rows,
               extra=(("recommender", "推荐单位", 20),))
    taken = {"汇总"}
    for header, rows in sheets:
        fill_sheet(wb.create_sheet(sheet_title(header.get("recommender", ""), taken)), kind,
                   header, rows)
    return _bytes(wb)


def _pdf_section(kind: str, header: dict, rows: list[dict]) -> dict:
    cols = [{"key": k, "head": h, "width": w} for k, h, w in COLUMNS[kind]]
    return {"header": header, "rows": [[row.get(c["key"], "") for c in cols] for row in rows],
            "columns": cols}


def annex2_pdf(kind: str, header: dict, rows: list[dict], *, metadata=None) -> bytes:
    """The same 汇总表 as a landscape A4 PDF."""
    return region_pdf(kind, [(header, rows)], metadata=metadata)


def region_pdf(kind: str, sheets: list[tuple[dict, list[dict]]], *, metadata=None) -> bytes:
    """One 汇总表 per recommender (the sheets in the order given: 附件1's), each starting on a
    new page, as one landscape A4 PDF; a single sheet is one recommender's 附件2."""
    return render_pdf("annex2_summary.html", {
        "annex": ANNEX[kind], "note": NOTES[kind],
        "sections": [_pdf_section(kind, header, rows) for header, rows in sheets],
        "doc_label": sheets[0][0].get("label", "") if sheets else ""}, metadata=metadata)
