import re

from django.core.cache import cache
from django.db.models import Q, QuerySet

from .models import Occupation

CODE_PREFIX = re.compile(r"^\d(-\d{0,2}){0,3}$")


def search_occupations(term: str, *, limit: int = 20, level: int = 4) -> QuerySet[Occupation]:
    """Find occupations by code prefix (`6-18`) or by part of the name (`车工`)."""
    term = (term or "").replace("\x00", "").strip()  # PostgreSQL text cannot hold NUL
    qs = Occupation.objects.filter(level=level)
    if not term:
        return qs.none()
    if CODE_PREFIX.match(term):
        return qs.filter(code__startswith=term)[:limit]
    return qs.filter(Q(name__contains=term)).order_by("code")[:limit]


def occupation_names() -> dict[str, str]:
    """code → name of every 职业, cached: the catalogue changes only with a new edition."""
    names = cache.get("catalog:names:v1")
    if names is None:
        names = dict(Occupation.objects.filter(level=4).values_list("code", "name"))
        cache.set("catalog:names:v1", names, 24 * 3600)
    return names


def major_names() -> dict[str, str]:
    """code → name of the 8 大类 (e.g. "6" → 生产制造及有关人员), cached like occupation_names."""
    names = cache.get("catalog:majors:v1")
    if names is None:
        names = {code.split("-")[0]: name for code, name in
                 Occupation.objects.filter(level=Occupation.Level.MAJOR).values_list("code", "name")}
        cache.set("catalog:majors:v1", names, 24 * 3600)
    return names


def get_occupation(code: str) -> Occupation | None:
    if "\x00" in (code or ""):  # no code has one, and PostgreSQL text cannot hold it
        return None
    return Occupation.objects.filter(code=(code or "").strip(), level=4).first()
