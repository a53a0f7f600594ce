"""Which entries of a form or checklist belong to one year (issue 17 §6, 复制上年申报): a label
that names a year (2022—2024年职业技能培训开展情况, 2022-2024年职业技能培训工作开展情况) describes
those years only, so last year's entry is cleared, never carried into the next call."""

import re

YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def names_years(label: str) -> bool:
    return bool(YEAR.search(label or ""))
