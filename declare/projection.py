"""A number someone sums or filters: the typed projection of Section.data (issue 17 §4).

Three sections hold such numbers: 表4-2 (t4_2: the 12 amounts, 万元), 申报条件信息
(eligibility: 年培训规模 and the yearly 培训人次 / 高技能人才人次) and 技能大师信息 (master: the
leader's 职业技能等级 and 工作室面积). `project(section)` writes them as typed rows
(declare.models_figures) and is called by the save service (declare.services.sections
.save_section) inside the save's transaction, so a refused or rolled-back save leaves them as
they were. Each value is read by the one number grammar (declare.numbers); blank or unreadable
is NULL, never an error. `backfill` re-projects stored sections (the migration
0008_projection_backfill, `manage.py project_figures`).

The read side: `budget_totals` and `training_totals` sum any set of applications in SQL.
"""

from decimal import Decimal

from django.apps import apps as global_apps
from django.db.models import Count, Sum

from calls.wording import budget_sources

from .budget import CONTENT_KEYS, SOURCE_KEYS, TOTAL, ZERO, shares
from .models_figures import ApplicationFigures, BudgetFigure, TrainingFigure
from .numbers import AMOUNT, AREA, INTEGER, NumberError, NumberRule, parse_number
from .schema import BUDGET_SOURCES, CONTENTS
from .vocab import SKILL_LEVELS

YEAR = NumberRule(places=0, whole=4)
LEVELS = dict(SKILL_LEVELS)


def read_number(value, rule: NumberRule) -> Decimal | None:
    """`value` (as stored: text, int, Decimal) by `rule`; None when blank or not a number."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        return None
    try:
        return parse_number(str(value), rule)
    except NumberError:
        return None


def _whole(value, rule: NumberRule = INTEGER) -> int | None:
    number = read_number(value, rule)
    return None if number is None else int(number)


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


# ---------------------------------------------------------------- what a section holds
def budget_cells(data: dict) -> dict[tuple[str, str], Decimal | None]:
    """The 12 amounts of a t4_2 section: {(content, source): Decimal or None}."""
    grid = _dict(_dict(data).get("budget"))
    return {(c, s): read_number(_dict(grid.get(c)).get(s), AMOUNT)
            for c in CONTENT_KEYS for s in SOURCE_KEYS}


def training_rows(data: dict) -> list[dict]:
    """The yearly rows of an eligibility section, in order: {"position", "year", "trainees",
    "high_skill"} (a row that is not an object projects as all NULL)."""
    rows = _dict(data).get("training")
    return [{"position": n, "year": _whole(_dict(row).get("year"), YEAR),
             "trainees": _whole(_dict(row).get("trainees")),
             "high_skill": _whole(_dict(row).get("high_skill"))}
            for n, row in enumerate(rows if isinstance(rows, list) else [], start=1)]


def eligibility_figures(data: dict) -> dict:
    return {"capacity": _whole(_dict(data).get("capacity"))}


def master_figures(data: dict) -> dict:
    level = _dict(data).get("skill_level")
    return {"leader_level": level if isinstance(level, str) and level in LEVELS else None,
            "studio_area": read_number(_dict(data).get("area"), AREA)}


# ---------------------------------------------------------------- writes
def _upsert(model, rows: list, unique: list[str], fields: list[str]) -> None:
    if rows:
        model.objects.bulk_create(rows, update_conflicts=True, unique_fields=unique,
                                  update_fields=fields)


def _figures(registry, application_id: int, values: dict) -> None:
    model = registry.get_model("declare", "ApplicationFigures")
    _upsert(model, [model(application_id=application_id, **values)], ["application"],
            list(values))


def _project_budget(registry, application_id: int, data: dict) -> None:
    model = registry.get_model("declare", "BudgetFigure")
    rows = [model(application_id=application_id, content=c, source=s, amount=amount)
            for (c, s), amount in budget_cells(data).items()]
    _upsert(model, rows, ["application", "content", "source"], ["amount"])


def _project_eligibility(registry, application_id: int, data: dict) -> None:
    _figures(registry, application_id, eligibility_figures(data))
    model = registry.get_model("declare", "TrainingFigure")
    rows = training_rows(data)
    model.objects.filter(application_id=application_id, position__gt=len(rows)).delete()
    _upsert(model, [model(application_id=application_id, **row) for row in rows],
            ["application", "position"], ["year", "trainees", "high_skill"])


def _project_master(registry, application_id: int, data: dict) -> None:
    _figures(registry, application_id, master_figures(data))


WRITERS = {"t4_2": _project_budget, "eligibility": _project_eligibility,
           "master": _project_master}
# The items of each section the figures are read from (None: all of them): a patch of other
# items (the autosave's, declare.patch) leaves the figures as they are.
FED_BY = {"t4_2": None, "eligibility": frozenset({"capacity", "training"}),
          "master": frozenset({"skill_level", "area"})}


def feeds(key: str, items) -> bool:
    """Whether changing these `items` of section `key` can change its typed figures."""
    if key not in WRITERS:
        return False
    fed_by = FED_BY[key]
    return fed_by is None or not fed_by.isdisjoint(items)


def project(section, *, registry=global_apps) -> None:
    """Bring the typed figures of `section`'s application in step with its data (in the
    caller's transaction). Sections without such numbers write nothing; only the figures
    of this section are touched (年培训规模 does not reset the leader's level)."""
    writer = WRITERS.get(section.key)
    if writer is not None:
        writer(registry, section.application_id, section.data or {})


def backfill(*, registry=global_apps, applications=None) -> int:
    """Project every stored section that holds figures (of `applications`, a queryset, or
    all); returns how many sections were read."""
    rows = registry.get_model("declare", "Section").objects.filter(key__in=list(WRITERS))
    if applications is not None:
        rows = rows.filter(application__in=applications)
    count = 0
    for section in rows.only("application_id", "key", "data").order_by("pk").iterator(2000):
        project(section, registry=registry)
        count += 1
    return count


# ---------------------------------------------------------------- reads (SQL aggregates)
def budget_totals(applications, level: str = "") -> dict:
    """表4-2 of `applications` (a queryset) added up: the 12 sums in one query.

    {"sources": [(key, label)], "rows": [{"key", "label", "amounts": {source: D}, "cells": [D in source order],
    "total": D, "shares": {source: D}}], "grand_total": D}, the 合计 row first as on the form; shares are
    each source's share of its row in percent (declare.budget.shares)."""
    sums = {(c, s): total for c, s, total in
            BudgetFigure.objects.filter(application__in=applications).order_by()
            .values_list("content", "source").annotate(total=Sum("amount"))}
    amounts = {c: {s: sums.get((c, s)) or ZERO for s in SOURCE_KEYS} for c in CONTENT_KEYS}
    column = {s: sum((amounts[c][s] for c in CONTENT_KEYS), ZERO) for s in SOURCE_KEYS}
    labels = {key: label for key, label, *_rest in CONTENTS}
    lines = [(TOTAL, "合计", column)] + [(c, labels[c], amounts[c]) for c in CONTENT_KEYS]
    rows = []
    for key, label, cells in lines:
        total = sum(cells.values(), ZERO)
        rows.append({"key": key, "label": label, "amounts": cells, "total": total,
                     "cells": [cells[s] for s in SOURCE_KEYS],
                     "shares": dict(zip(SOURCE_KEYS, shares([cells[s] for s in SOURCE_KEYS],
                                                             total), strict=True))})
    return {"sources": list(budget_sources(level) if level else BUDGET_SOURCES), "rows": rows,
            "grand_total": rows[0]["total"]}


def training_totals(applications) -> dict:
    """年培训规模 and the yearly training figures of `applications` (a queryset), summed in
    SQL: {"capacity": int, "reporting": how many stated one, "years": [{"year", "trainees",
    "high_skill"}] by year}."""
    stated = ApplicationFigures.objects.filter(application__in=applications).aggregate(
        summed=Sum("capacity"), reporting=Count("capacity"))
    years = (TrainingFigure.objects.filter(application__in=applications, year__isnull=False)
             .order_by("year").values("year")
             .annotate(trainees=Sum("trainees"), high_skill=Sum("high_skill")))
    return {"capacity": stated["summed"] or 0, "reporting": stated["reporting"],
            "years": [{"year": y["year"], "trainees": y["trainees"] or 0,
                       "high_skill": y["high_skill"] or 0} for y in years]}
