"""documents.fit.cut_text counts the lines of the piece it fills as it grows (not recounting the
whole piece per sentence): its pieces are those of the plain definition — greedy, each the
longest run of sentences whose lines_of stays within PAGE_LINES."""

import random
import re

from documents import fit


def _by_definition(text: str, chars_per_line: int) -> list[str]:
    sentences = []
    for para in text.split("\n"):
        parts = [s for s in re.split(r"(?<=[。；！？])", para) if s]
        sentences += [(s, i == len(parts) - 1) for i, s in enumerate(parts)] or [("", True)]
    pieces, current = [], ""
    for sentence, ends_para in sentences:
        candidate = current + sentence
        if current and fit.lines_of(candidate, chars_per_line) > fit.PAGE_LINES:
            pieces.append(current.rstrip("\n"))
            candidate = sentence
        current = candidate + ("\n" if ends_para else "")
    return [*pieces, current.rstrip("\n")]


def test_cut_text_is_the_greedy_cut_of_lines_of():
    rng = random.Random(20)
    alphabet = "培训基地建设。；！？\nabc123 ，、"
    for n in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3000 if n % 20 == 0 else 400)))
        for chars in (fit.TEXT_COLUMN, 14, 10):
            assert fit.cut_text(text, chars) == _by_definition(text, chars)


def test_em_width_adds_on():
    assert fit.em_width("培训ab1") == fit.em_width("ab1", fit.em_width("培训"))
    assert fit.em_width("") == 0.0
