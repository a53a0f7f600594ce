"""Complete, fictitious form data generated from declare/schema.py, for the document tests and
the render benchmark (bench/renders.py). Every field of every official section is filled;
`paragraphs` makes the long texts long enough to run across pages."""

from decimal import Decimal

from calls.choices import ProjectKind
from core.pii import encrypt
from declare.models import Section, Speciality
from declare.schema import BUDGET_SOURCES, CONTENTS, Field, Group, sections_for
from orgs.validators import credit_code_check_char

SENTENCE = ("围绕自治区重点产业发展需求，依托校企合作平台开展高技能人才培训，"
            "完善课程体系与师资队伍建设，年均培训规模稳步提升，培训合格率保持在较高水平。")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(body17: str = "15020219750312001") -> str:
    """A fictitious 身份证号 with a valid GB 11643 check character."""
    total = sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True))
    return body17 + "10X98765432"[total % 11]


def credit_code(body17: str = "12150200MB1234567") -> str:
    return body17 + credit_code_check_char(body17)


SIMPLE = {
    "date": "2025-07-10", "month": "1978-05", "integer": "2600", "decimal": "12.5",
    "percent": "95", "area": "180", "phone": "0472-5123456", "mobile": "13912345678",
    "email": "contact@example.cn", "fax": "0472-5123457", "postcode": "014010",
    "url": "https://www.example.edu.cn", "ethnicity": "蒙古族", "political": "中共党员",
    "skill_level": "1", "year": "2023", "yesno": "yes", "declaration": True,
}


def field_value(f: Field, *, occupation: str, paragraphs: int, in_group: bool = False):
    if f.type == "textarea" and in_group:
        return SENTENCE * paragraphs
    if f.type == "textarea":
        return "\n".join(SENTENCE * 2 for _ in range(paragraphs))
    if f.type == "credit_or_org_code":
        return credit_code()
    if f.type == "id_card":
        return id_number()
    if f.type == "occupation":
        return occupation
    if f.type == "choice":
        first = f.choices[0]
        return first[0] if isinstance(first, tuple) else first
    if f.type == "budget":
        return {key: {src: str(Decimal(40 + 10 * i + j)) for j, (src, _l) in
                      enumerate(BUDGET_SOURCES)} for i, (key, *_r) in enumerate(CONTENTS)}
    if f.type in SIMPLE:
        return SIMPLE[f.type]
    return "示例"


def section_values(spec, *, occupation: str, paragraphs: int) -> dict:
    out = {}
    for item in spec.items:
        if isinstance(item, Group):
            out[item.key] = [{f.key: field_value(f, occupation=occupation, paragraphs=paragraphs,
                                                 in_group=True) for f in item.fields} for _ in range(item.max_rows if
                                                                   item.max_rows <= 4 else 3)]
        else:
            out[item.key] = field_value(item, occupation=occupation, paragraphs=paragraphs)
    return out


def fill_application(application, *, occupations: list, paragraphs: int = 1) -> None:
    """Give `application` its specialities (Occupation objects) and every section filled."""
    application.specialities.all().delete()
    for n, occ in enumerate(occupations, start=1):
        Speciality.objects.create(application=application, position=n, occupation=occ)
    code = occupations[0].code if occupations else ""
    count = len(occupations) if application.kind == ProjectKind.BASE else 1
    for spec in sections_for(application.kind, count, form=application):
        data = _encrypted(spec, section_values(spec, occupation=code, paragraphs=paragraphs))
        Section.objects.update_or_create(application=application, key=spec.key,
                                         defaults={"data": data, "complete": True, "version": 1})


def _encrypted(spec, data: dict) -> dict:
    return {k: (encrypt(v) if k in {f.key for f in spec.fields() if f.pii} else v)
            for k, v in data.items()}
