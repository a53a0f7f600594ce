"""How the printed forms fit their text to the paper (WeasyPrint cannot shrink to fit): the
cover's value lines (one line up to 30 characters, a smaller size beyond that, two lines only at
a sensible break), and long row groups cut into page-sized pieces that repeat their label with
"（续）". Widths are estimated from the characters (a CJK character is 1 em, a Latin letter or
digit about 0.6 em) against the column widths given here and in _print.css."""

import math
import re
import unicodedata

MM = 72 / 25.4  # points per millimetre
COVER_SIZE = 15.0  # pt, the cover's 三号
COVER_LINE_CHARS = 30  # characters that must fit one line of a value cell
# label and value column of the cover table, in mm (the seal column and the cell padding
# take the rest of the 166 mm text width)
COVER_COLUMNS = {"base": (32, 110), "studio": (48, 100)}  # 附件4's labels at 14 pt
COVER_SEAL = 15
PLACE_BREAKS = ("自治区", "省", "市", "盟", "地区", "区", "旗", "县", "州", "镇", "乡", "苏木",
                "集团", "公司", "学院", "学校", "大学", "中心", "研究所", "研究院", "厅", "局")
LIST_BREAKS = ("、",)


def em_width(text: str, start: float = 0.0) -> float:
    """The printed width of `text` in em (added to `start`: the width of the text before it).
    Added character by character in order, so em_width(a + b) == em_width(b, em_width(a))."""
    width = start
    for c in text:
        width += 1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.6
    return width


def _break_points(text: str, breaks) -> list[int]:
    points = set()
    for word in breaks:
        points.update(m.end() for m in re.finditer(re.escape(word), text))
    return sorted(p for p in points if 0 < p < len(text))


def cover_value(text: str, kind: str, *, breaks=PLACE_BREAKS) -> dict:
    """{"lines": [...], "size": pt} for one value cell of the cover: 15 pt on one line when it
    fits; up to 30 characters one line at the size that fits; longer text on two lines cut
    at the break (after a place or an organisation word, or after 、 in a list) nearest the
    middle, at the size the longer line fits (never below 9 pt)."""
    text = (text or "").strip()
    width = (COVER_COLUMNS[kind][1] - 3) * MM
    if em_width(text) * COVER_SIZE <= width or not text:
        return {"lines": [text], "size": COVER_SIZE}
    if len(text) <= COVER_LINE_CHARS:
        return {"lines": [text], "size": max(9.0, _size_for(em_width(text), width))}
    points = _break_points(text, breaks) or [len(text) // 2]
    cut = min(points, key=lambda p: abs(em_width(text[:p]) - em_width(text[p:])))
    lines = [text[:cut], text[cut:]]
    return {"lines": lines, "size": max(9.0, _size_for(max(map(em_width, lines)), width))}


def _size_for(ems: float, width: float) -> float:
    """The largest size in half points at which `ems` em fit `width` points (≤ 15 pt)."""
    return min(COVER_SIZE, math.floor(width / ems * 2) / 2)


# The row groups of 表3-n-2 and the text rows: a piece is at most PAGE_LINES lines of 10.5 pt
# text, so a piece always fits a page with the table's head above it.
PAGE_LINES = 34
# characters per line of the 表3-n-2 text columns (_print.css: col w36 / w27 of 166 mm, 10.5 pt)
PLAN_COLUMNS = {"item": 14, "year1": 10, "year2": 10}
# the text column of a label + text table (col w84)
TEXT_COLUMN = 35


def _para_lines(ems: float, chars_per_line: int) -> int:
    """The printed lines of one paragraph `ems` em wide (at least one)."""
    return max(1, math.ceil(ems / chars_per_line))


def lines_of(text: str, chars_per_line: int) -> int:
    """The printed lines of `text` (its paragraphs, wrapped at chars_per_line em)."""
    return sum(_para_lines(em_width(p), chars_per_line) for p in (text or "").split("\n"))


def cut_items(items: list[dict], widths: dict, *, first: int = 1) -> list[list[dict]]:
    """The items of one 表3-n-2 group cut into pieces of at most PAGE_LINES lines each (an item
    is as tall as its tallest cell; `widths` maps a key to its column's characters per line;
    `first` counts the group's head row). A piece holds at least one item."""
    pieces, piece, used = [], [], first
    for item in items:
        height = max(lines_of(str(item.get(k, "")), w) for k, w in widths.items()) + 1
        if piece and used + height > PAGE_LINES:
            pieces.append(piece)
            piece, used = [], first
        piece.append(item)
        used += height
    return [*pieces, piece] if piece else pieces


def cut_text(text: str, chars_per_line: int) -> list[str]:
    """`text` cut into pieces of at most PAGE_LINES lines, between paragraphs, or between
    sentences (after 。；) where one paragraph alone is longer than that."""
    sentences = []
    for para in (text or "").split("\n"):
        parts = [s for s in re.split(r"(?<=[。；！？])", para) if s]
        sentences += [(s, i == len(parts) - 1) for i, s in enumerate(parts)] or [("", True)]
    # `current` is the piece being filled: `done` lines of its finished paragraphs, then an open
    # paragraph `open_w` em wide — lines_of(current + sentence) kept as it grows, not recounted.
    pieces, current, done, open_w = [], "", 0, 0.0
    for sentence, ends_para in sentences:
        width = em_width(sentence, open_w)
        if current and done + _para_lines(width, chars_per_line) > PAGE_LINES:
            pieces.append(current.rstrip("\n"))
            current, done, open_w = "", 0, 0.0
            width = em_width(sentence)
        current += sentence
        open_w = width
        if ends_para:
            current += "\n"
            done, open_w = done + _para_lines(open_w, chars_per_line), 0.0
    return [*pieces, current.rstrip("\n")]
