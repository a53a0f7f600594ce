"""Synthetic applications with every section of 附件3/附件4 filled (seed_bench).

The section texts are declare.demo's complete demo applications (valid by construction: they go
through the applicant's SectionForm in seed_demo); names, numbers and PII vary per row and PII
is encrypted exactly as save_section stores it.
"""

import copy

from calls.choices import Category, ProjectKind
from declare import projection
from declare.checklist import items_of
from declare.completeness import missing_labels
from declare.demo import base as demo_base
from declare.demo import studio as demo_studio
from declare.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    EventAction,
    Material,
    Section,
    Speciality,
)
from declare.models_figures import ApplicationFigures, BudgetFigure, TrainingFigure
from declare.schema import section_spec
from declare.services.sections import encrypt_section
from declare.validators import id_check_char
from orgs.validators import credit_code_check_char

from .seedcopy import copy_dicts, copy_rows

HERITAGE_CODE = demo_studio.OCCUPATION  # 民族拉弦弹拨乐器制作工 → 其他类
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("建国", "秀兰", "志强", "海燕", "德胜", "丽娟", "宝山", "晓燕", "振华", "永强", "巴特尔",
         "其其格", "乌云", "文斌", "慧敏")
_S = ApplicationStatus
# Status of the applications not recommended (k % 10), so every page has its share.
OTHER_STATUS = [_S.DRAFT] * 5 + [_S.RETURNED, _S.SUBMITTED, _S.SUBMITTED, _S.NOT_RECOMMENDED,
                                 _S.SUBMITTED]


def credit_code(block: int, u: int) -> str:
    body = f"52150{block:03d}{u:05d}0000"
    return body + credit_code_check_char(body)


def person(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]


def mobile(block: int, i: int) -> str:
    return f"139{block % 100:02d}{i:06d}"


def id_number(block: int, i: int) -> str:
    body = f"150102{1965 + i % 30}{i % 12 + 1:02d}{i % 28 + 1:02d}{block % 10}{i % 100:02d}"
    return body + id_check_char(body)


def unit_kind(k: int) -> str:
    return ProjectKind.BASE if (k + k // 600) % 2 == 0 else ProjectKind.STUDIO


def occupations_for(kind: str, u: int, occs: dict) -> tuple[str, list]:
    """(category, occupations): 大类 6 → 生产制造类, 4 → 社会生产和生活服务类, heritage → 其他类."""
    if kind == ProjectKind.STUDIO and u % 5 == 4:
        heritage = next(o for o in occs[6] if o.code == HERITAGE_CODE)
        return Category.OTHER, [heritage]
    major = 4 if u % 3 == 2 else 6
    pool = occs[major]
    first = pool[(u * 7) % len(pool)]
    if kind == ProjectKind.STUDIO:
        return (Category.SERVICE if major == 4 else Category.MANUFACTURING), [first]
    second = pool[(u * 7 + 1) % len(pool)]
    return (Category.SERVICE if major == 4 else Category.MANUFACTURING), [first, second]


def base_sections(block, k, unit, occupations, tier="A") -> dict:
    data = copy.deepcopy(demo_base.sections(unit.credit_code))
    if tier == "B":  # 已建项目: the three questions only they answer (eligibility.py)
        data["eligibility"].update(designated_year=2015, assessed_well="yes",
                                   complete_system="yes")
    leader, contact = person(k), person(k + 7)
    data["cover"].update(filler=contact, city="压测市")
    data["t1_1"].update(unit_name=unit.name, legal_name=leader, contact_name=contact,
                        legal_mobile=mobile(block, 2 * k), contact_mobile=mobile(block, 2 * k + 1))
    if len(occupations) < 2:
        for key in ("t3_2_1", "t3_2_2"):
            data.pop(key)
    return data


def studio_sections(block, k, unit, occupation) -> dict:
    data = copy.deepcopy(demo_studio.sections())
    master = person(k + 3)
    data["unit"].update(unit_name=unit.name, contact=person(k + 11),
                        contact_mobile=mobile(block, 2 * k))
    data["master"].update(name=master, id_number=id_number(block, k), occupation=occupation.code,
                          mobile=mobile(block, 2 * k + 1))
    return data


def material_file() -> dict:
    """One scanned-looking A4 page (PDF) in the private storage that every seeded 申报材料 row
    points at (the rows are what the checklist, the submission check and the bundle read; a
    file per row would only cost disk)."""
    import hashlib

    import img2pdf
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from .render_times import _scan_png

    body = img2pdf.convert([_scan_png(1)])
    sha = hashlib.sha256(body).hexdigest()
    name = f"materials/bench/{sha[:16]}.pdf"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(body))
    return {"file": name, "size": len(body), "sha256": sha}


def _materials(app, user, ctx) -> list:
    """A file for every required checklist item that the form text cannot stand in for."""
    return [{"application_id": app.pk, "item": item.key, "title": f"{item.label[:100]}.pdf",
             "content_type": "application/pdf", "uploaded_by_id": user.pk, **ctx["material"]}
            for item in items_of(app) if item.required and not item.alternative]


def _complete_keys() -> dict:
    """Which demo sections are complete (computed once; the demo data is fixed)."""
    out = {}
    for kind, sections in ((ProjectKind.BASE, demo_base.sections("x")),
                           (ProjectKind.STUDIO, demo_studio.sections())):
        out[kind] = {k for k, v in sections.items() if not missing_labels(section_spec(kind, k), v)}
    return out


def _figures(app, data: dict, out: dict) -> None:
    """The typed projection rows of `app` (declare.projection, as save_section writes them),
    read from the plain section data, so statistics sum what the sections say."""
    values = {}
    if "t4_2" in data:
        out[BudgetFigure] += [{"application_id": app.pk, "content": c, "source": s,
                               "amount": amount} for (c, s), amount in projection.budget_cells(data["t4_2"]).items()]
    if "eligibility" in data:
        values.update(projection.eligibility_figures(data["eligibility"]))
        out[TrainingFigure] += [{"application_id": app.pk, **row}
                                for row in projection.training_rows(data["eligibility"])]
    if "master" in data:
        values.update(projection.master_figures(data["master"]))
    if values:
        out[ApplicationFigures].append({"application_id": app.pk, **values})


def choose_recommended(n, units) -> set[int]:
    """The first `quota` applications of each recommender and kind are the recommended ones."""
    taken: dict[tuple, int] = {}
    chosen = set()
    for k in range(n.applications):
        key = (units[k % n.units].parent_id, unit_kind(k))
        if taken.get(key, 0) < n.quota:
            taken[key] = taken.get(key, 0) + 1
            chosen.add(k)
    return chosen


def applications(block, n, ctx, call, units, unit_users) -> dict:
    now = ctx["now"]
    chosen = choose_recommended(n, units)
    rows, plans = [], []
    for k in range(n.applications):
        u = k % n.units
        kind = unit_kind(k)
        category, occupations = occupations_for(kind, u, ctx["occupations"])
        status = _S.ACCEPTED if k in chosen else OTHER_STATUS[k % 10]
        prefix = "JD" if kind == ProjectKind.BASE else "GZ"
        rows.append(Application(
            call=call, unit=units[u], kind=kind, category=category,
            tier=("A" if u % 4 else "B") if kind == ProjectKind.BASE else "", status=status,
            reference=f"2025-{prefix}-{block * n.applications + k + 1:05d}",
            created_by=unit_users[u], submitted_at=None if status == _S.DRAFT else now,
            submitted_version=0))
        plans.append((u, kind, occupations))
    apps = copy_rows(Application, rows, ids=True)
    specialities, sections, events, materials = [], [], [], []
    figures: dict[type, list] = {ApplicationFigures: [], BudgetFigure: [], TrainingFigure: []}
    complete = _complete_keys()
    for k, (app, (u, kind, occupations)) in enumerate(zip(apps, plans, strict=True)):
        user = unit_users[u]
        for pos, occ in enumerate(occupations, start=1):
            specialities.append({"application_id": app.pk, "position": pos,
                                 "occupation_id": occ.pk})
        data = (base_sections(block, k, units[u], occupations, app.tier)
                if kind == ProjectKind.BASE else studio_sections(block, k, units[u], occupations[0]))
        materials += _materials(app, user, ctx)
        _figures(app, data, figures)
        for key, values in data.items():
            sections.append({
                "application_id": app.pk, "key": key, "version": 1,
                "data": encrypt_section(section_spec(kind, key), values),
                "complete": key in complete[kind], "updated_by_id": user.pk})
        who = {"application_id": app.pk, "actor_id": user.pk, "actor_org_id": units[u].pk}
        events.append({**who, "action": EventAction.CREATE, "to_status": _S.DRAFT})
        if app.status != _S.DRAFT:
            events.append({**who, "action": EventAction.SUBMIT, "from_status": _S.DRAFT,
                           "to_status": _S.SUBMITTED})
    for model, objects in ((Speciality, specialities), (Section, sections),
                           (ApplicationEvent, events), (Material, materials), *figures.items()):
        copy_dicts(model, objects)
    return {"all": apps, "chosen": [apps[k] for k in sorted(chosen)], "sections": len(sections)}
