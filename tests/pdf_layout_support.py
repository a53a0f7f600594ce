"""Reading a rendered PDF's layout for the layout tests: the words with their boxes
(pdftotext -bbox-layout), per page."""

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

PAGE = re.compile(r"<page .*?</page>", re.S)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(path: Path) -> list[Word]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    out = []
    for n, page in enumerate(PAGE.findall(xml), start=1):
        for x0, y0, x1, y1, text in WORD.findall(page):
            out.append(Word(n, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return out


def page_size(path: Path) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", out).groups()
    return float(w), float(h)


def pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def page_text(path: Path, n: int) -> str:
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(n), "-l", str(n),
                           str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def label_pieces(all_words: list[Word], label: str) -> list[list[str]]:
    """Every way `label` is printed: one word, or words one below the other in the same cell
    (each starting lower, overlapping horizontally) that together spell it."""
    found = []
    for i, w in enumerate(all_words):
        if w.text == label:
            found.append([w.text])
        elif label.startswith(w.text) and len(w.text) < len(label):
            pieces, text, last = [w.text], w.text, w
            for nxt in all_words[i + 1:]:
                if nxt.page != w.page or nxt.y0 > last.y1 + 20:
                    break
                below = nxt.y0 >= last.y1 - 2 and nxt.x0 < last.x1 and nxt.x1 > last.x0
                if below and label.startswith(text + nxt.text):
                    pieces.append(nxt.text)
                    text += nxt.text
                    last = nxt
                    if text == label:
                        found.append(pieces)
                        break
    return found


def assert_label_whole(all_words: list[Word], label: str):
    """`label` is printed, and no line of it holds a single character."""
    ways = label_pieces(all_words, label)
    assert ways, f"label {label} not found"
    for pieces in ways:
        assert min(len(p) for p in pieces) >= 2, f"{label} printed as {pieces}"


def assert_value_on_one_line(all_words: list[Word], value: str):
    assert any(value in w.text for w in all_words), (
        f"{value} split: {[w.text for w in all_words if w.text and w.text in value]}")


def words_in_corner(path: Path, all_words: list[Word]) -> list[Word]:
    """Words in the bottom-right 30 mm × 18 mm of a page (kept for the verification stamp)."""
    width, height = page_size(path)
    return [w for w in all_words if w.x1 > width - 30 * MM and w.y1 > height - 18 * MM]


def last_content_line(path: Path, n: int) -> str:
    """The last line of page n's own content (not the version header or the page number)."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(n), "-l", str(n),
                           str(path), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()
             and not line.startswith("版本：") and not re.match(r"^第 \d+ 页", line)]
    return lines[-1] if lines else ""
