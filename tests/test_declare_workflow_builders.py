"""Builders (no tests here): complete, eligible applications made straight from the schema."""

import hashlib

from django.core.files.base import ContentFile

from calls.choices import Category, ProjectKind
from declare.checklist import items_of
from declare.models import Material, Section, Speciality
from declare.schema import Field, Group, sections_for

from .factories import ApplicationFactory, occupation
from .test_uploads_samples import pdf_bytes

SAMPLE = {
    "text": "测试内容", "textarea": "按申报要求填写的说明文字。", "integer": 10, "decimal": "1.5",
    "percent": "95", "area": "120", "phone": "0472-5123456", "mobile": "13904721234",
    "email": "lianxi@example.cn", "fax": "0472-5123457", "postcode": "014010",
    "url": "https://www.example.cn", "credit_or_org_code": "12150000MB1234567X",
    "id_card": "150102198001011238", "occupation": "6-18-01-01", "ethnicity": "汉族",
    "political": "中共党员", "skill_level": "1", "year": 2015, "yesno": "yes",
    "declaration": True, "date": "2025-07-01", "month": "1980-01",
}
BUDGET = {c: {"central": "100.00", "local": "20.00", "industry": "10.00", "other": "0.00"}
          for c in ("system", "capacity", "results")}


def value_for(item: Field):
    if item.type == "budget":
        return BUDGET
    if item.type in ("choice",) and item.choices:
        first = item.choices[0]
        return first[0] if isinstance(first, tuple) else first
    return SAMPLE.get(item.type, "测试内容")


def filled(spec) -> dict:
    data = {}
    for item in spec.items:
        if isinstance(item, Group):
            data[item.key] = [{f.key: value_for(f) for f in item.fields}
                              for _ in range(max(item.min_rows, 1))]
        else:
            data[item.key] = value_for(item)
    return data


def eligibility(kind: str, tier: str = "A", year: int = 2025) -> dict:
    """Inputs that pass every rule of 105号 二 for the kind and tier."""
    if kind == ProjectKind.STUDIO:
        return {"fixed_premises": "yes", "regular_activities": "yes", "management_rules": "yes",
                "innovation": "yes", "local_speciality": "no",
                "already_national": "no", "in_construction": "no",
                "in_construction_until": "", "staff_education_ratio": "60"}
    data = {"rules_in_place": "yes", "no_penalty": True, "capacity": 3500,
            "occupations_count": 6, "info_platform": "yes", "standards": "yes",
            "apprenticeship": "yes", "social_service": "yes", "in_construction": "no",
            "in_construction_until": "",
            "training": [{"year": y, "trainees": 3200, "high_skill": 1100, "pass_rate": "95",
                          "satisfaction": "96"} for y in range(year - 3, year)]}
    if tier == "B":
        data.update(designated_year=2015, assessed_well="yes", complete_system="yes")
    return data


def fill_sections(app, **overrides) -> None:
    """Every section of the application filled; `overrides` replace keys of a section."""
    for spec in sections_for(app.kind, app.specialities.count()):
        data = filled(spec)
        if spec.key == "eligibility":
            data = eligibility(app.kind, app.tier or "A", app.call.year)
        data.update(overrides.get(spec.key, {}))
        Section.objects.update_or_create(application=app, key=spec.key,
                                         defaults={"data": data, "version": 1, "complete": True})


def add_material(app, item: str, *, by=None, title="材料.pdf", content=None) -> Material:
    content = content or pdf_bytes()
    m = Material(application=app, item=item, title=title, content_type="application/pdf",
                 size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                 position=app.materials.count() + 1, uploaded_by=by)
    m.file.save("x.pdf", ContentFile(content), save=False)
    m.save()
    return m


def complete_application(*, call, unit, by, kind=ProjectKind.BASE, tier="A",
                         codes=("6-18-01-01",), category=Category.MANUFACTURING,
                         materials=True, **overrides):
    """A draft that is complete, eligible and has every required material."""
    app = ApplicationFactory(call=call, unit=unit, kind=kind, category=category,
                             tier=tier if kind == ProjectKind.BASE else "", created_by=by)
    for n, code in enumerate(codes, start=1):
        Speciality.objects.create(application=app, position=n, occupation=occupation(code))
    fill_sections(app, **overrides)
    if materials:
        for item in items_of(app):
            if item.required and not item.alternative:
                add_material(app, item.key, by=by, title=f"{item.label[:20]}.pdf")
    return app
