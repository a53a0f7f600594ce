"""附件2-1 / 附件2-2 (申报情况汇总表): the rows, in recommendation order (105号 四(一)1(1)).

The renderers (documents.annex2_xlsx / annex2_pdf) know nothing about models; this module
assembles their plain input from the ranking and the applications' "summary"/"master" sections.
The form itself (number, column heads, 填表说明) is defined once, in documents.annex2; the files
are made by the render job (documents:summary: cached, rate-limited).
"""

from django.db.models import Min

from calls.choices import CallLevel, ProjectKind, category_tier_label
from core import pii
from declare.vocab import SKILL_LEVELS
from documents.annex2 import ANNEX, COLUMNS, NOTES
from documents.forms import SummaryForm
from orgs.models import OrgKind

from .models import ContactPerson, Quota, Recommendation, RecommendationPackage

DIRECT_KINDS = (OrgKind.DIRECT, OrgKind.CITY_DIRECT)

SUBJECT = {ProjectKind.BASE: "高技能人才培训基地", ProjectKind.STUDIO: "技能大师工作室"}
SKILL_LABELS = dict(SKILL_LEVELS)


def annex2_title(call, kind) -> str:
    return f"{call.year} 年{CallLevel(call.level).label}{SUBJECT[kind]}建设项目申报情况汇总表"


def filler_of(call, recommender) -> dict:
    """填表人 and 联系电话 of 附件2: the registered 联系人 now."""
    contact = ContactPerson.objects.filter(call=call, recommender=recommender).first()
    phone = ""
    if contact:
        phone = " / ".join(p for p in (contact.phone, contact.mobile) if p)
    return {"filler": contact.name if contact else "", "phone": phone}


def sealed_filler(call, recommender) -> dict:
    """The 填表人 to keep on the submitted package; the 手机 in it encrypted (core.pii)."""
    filler = filler_of(call, recommender)
    return {"filler": filler["filler"], "phone_encrypted": pii.encrypt(filler["phone"])}


def annex2_header(call, recommender, kind) -> dict:
    """A submitted package's 附件2 keeps the 填表人 it was submitted with (a later change of the
    联系人 never rewrites it); before that, the 联系人 registered now."""
    package = RecommendationPackage.objects.filter(call=call, recommender=recommender).first()
    kept = package.submitted_filler if package and not package.is_editable else {}
    filler = ({"filler": kept["filler"], "phone": pii.decrypt(kept["phone_encrypted"])}
              if kept else filler_of(call, recommender))
    return {"recommender": recommender.name, **filler, "title": annex2_title(call, kind)}


def _section(application, key) -> dict:
    return next((s.data for s in application.sections.all() if s.key == key), {}) or {}


def _occupations(application) -> str:
    return "、".join(str(sp) for sp in application.specialities.all())


def annex2_row(seq: int, application) -> dict:
    summary = _section(application, "summary")
    row = {"seq": seq, "unit": application.unit.name,
           "category": category_tier_label(application.category, application.tier or None),
           "occupation": _occupations(application)}
    if application.kind == ProjectKind.BASE:
        row.update(honours=summary.get("honours", ""), performance=summary.get("performance", ""))
    else:
        master = _section(application, "master")
        row.update(leader=master.get("name", ""),
                   leader_level=SKILL_LABELS.get(master.get("skill_level", ""), ""),
                   leader_awards=summary.get("leader_awards", ""),
                   leader_performance=summary.get("leader_performance", ""))
    return row


def annex2_rows(call, recommender, kind) -> tuple[dict, list[dict]]:
    """(header {"recommender","filler","phone","title"}, rows in ranking order)."""
    recs = (Recommendation.objects
            .filter(package__call=call, package__recommender=recommender, kind=kind)
            .select_related("application__unit")
            .prefetch_related("application__specialities__occupation", "application__sections")
            .order_by("rank"))
    rows = [annex2_row(i, r.application) for i, r in enumerate(recs, start=1)]
    return annex2_header(call, recommender, kind), rows


def annex1_order(call) -> list:
    """The call's recommenders in 附件1's order: the 盟市 (or 旗县区) in the order the quota
    table was entered (the demo seed and the importer add its rows top to bottom, so the first
    Quota row of a recommender is its place), then the direct units the same way, then any
    recommender without a quota row (by kind, code, name)."""
    place = dict(Quota.objects.filter(call=call).values("recommender")
                 .annotate(first=Min("pk")).values_list("recommender", "first"))
    recs = list(call.recommenders.order_by("kind", "division_code", "name"))
    return sorted(recs, key=lambda r: (r.pk not in place, r.kind in DIRECT_KINDS,
                                       place.get(r.pk, 0)))


def region_sheets(call, kind) -> list[tuple[dict, list[dict]]]:
    """附件2 of every recommender of `call`, in 附件1's order (the all-region workbook and PDF)."""
    return [annex2_rows(call, rec, kind) for rec in annex1_order(call)]


def annex2_tables(package) -> list[dict]:
    """The preview of 附件2-1/2-2 on the recommender's and the region's package pages, with the
    formats the render job offers for download."""
    formats = SummaryForm.base_fields["fmt"].choices
    tables = []
    for kind in package.call.kinds:
        header, rows = annex2_rows(package.call, package.recommender, kind)
        tables.append({"kind": kind, "number": ANNEX[kind], "header": header,
                       "heads": [head for _key, head, _width in COLUMNS[kind]],
                       "note": NOTES[kind], "formats": formats,
                       "rows": [[r[key] for key, _head, _width in COLUMNS[kind]] for r in rows]})
    return tables
