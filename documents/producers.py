"""What each kind of render job produces: the bytes, the file extension and the download name,
plus the fingerprint of the content they are made from (the cache key). 附件3/4 and the 合订本
come in two renderings with their own keys: in full, and `masked` (the numbers masked as the
pages mask them, the personal checklist items left out)."""

import json
from io import BytesIO

from calls.choices import ProjectKind
from core.sealed import open_plain
from declare.checklist import items_of
from declare.reading import printed_form, render_sections
from declare.services.sections import section_data

from .annex2 import ANNEX, annex2_pdf, annex2_xlsx, region_xlsx
from .bundle import build_bundle
from .contexts import application_context
from .render import TEMPLATE_VERSION, render_pdf
from .sources import materials_of

FORM_TEMPLATES = {ProjectKind.BASE: "annex3_base.html", ProjectKind.STUDIO: "annex4_studio.html"}
FORM_NAMES = {ProjectKind.BASE: ("附件3", "国家级高技能人才培训基地建设项目申报表"),
              ProjectKind.STUDIO: ("附件4", "国家级技能大师工作室建设项目申报表")}
PDF = "application/pdf"


def fingerprint(payload) -> str:
    import hashlib

    text = json.dumps({"v": TEMPLATE_VERSION, **payload}, ensure_ascii=False, sort_keys=True,
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def application_payload(application, kind: str, *, masked: bool) -> dict:
    """Everything a form or bundle of `application` is made from: the printed context (data,
    specialities, label), all section data, and the materials' hashes in their order; the
    masked and the full rendering never share a key."""
    payload = {"kind": kind, "masked": masked,
               "ctx": application_context(application, masked=masked)}
    if kind == "bundle":
        payload["data"] = section_data(application)
        payload["materials"] = [(m.item, m.position, m.title, m.sha256)
                                for m in _materials(application, masked=masked)]
    return payload


def form_pdf(application, *, masked: bool = False, bundle: bool = False,
             table5: dict | None = None) -> bytes:
    """附件3 or 附件4 of `application`; the 备案 package passes the review's 表5 (table5)."""
    ctx = application_context(application, masked=masked, table5=table5)
    return render_pdf(FORM_TEMPLATES[application.kind], {**ctx, "bundle": bundle})


def form_title(application) -> str:
    annex, name = FORM_NAMES[application.kind]
    return f"{application.call.year}年{name}（{annex}）"


def bundle_pdf(application, *, masked: bool = False, on_progress=None) -> bytes:
    """Cover + 附件3/4 + 目录 + attachments and materials in checklist order, numbered."""
    ctx = application_context(application, masked=masked)
    cover = render_pdf("bundle_cover.html", {**ctx, "form_title": form_title(application),
                                             "recommender": application.unit.parent.name
                                             if application.unit.parent_id else ""})
    front = [("封面", BytesIO(cover), PDF),
             (form_title(application),
              BytesIO(form_pdf(application, masked=masked, bundle=True)), PDF)]
    if on_progress:
        on_progress(30)
    return build_bundle(material_parts(application, ctx, masked=masked), front=front,
                        label=ctx["doc_label"], on_progress=on_progress)


def _materials(application, *, masked: bool) -> list:
    materials = materials_of(application)
    return [m for m in materials if not m.is_personal] if masked else materials


def material_parts(application, ctx: dict, *, masked: bool) -> list[tuple]:
    """Uploaded files per checklist item (sealed ones decrypted in memory; none of the personal
    items when `masked`), or the text typed into the form where the checklist allows that
    alternative (实施管理办法, 经费管理实施细则, 申报报告)."""
    materials = _materials(application, masked=masked)
    sections = {s["key"]: s for s in render_sections(application, viewer=printed_form(masked))}
    parts = []
    for item in items_of(application):
        mine = [m for m in materials if m.item == item.key]
        for m in mine:
            title = item.label if len(mine) == 1 else f"{item.label}（{m.title}）"
            parts.append((title, open_plain(m.file), m.content_type))
        if not mine and item.alternative:
            text_pdf = _alternative_pdf(application, ctx, item, sections[item.alternative[0]])
            if text_pdf:
                parts.append((_attachment_title(application, item), BytesIO(text_pdf), PDF))
    return parts


def _attachment_title(application, item) -> str:
    if application.kind == ProjectKind.BASE:
        return f"{application.unit.name}{item.label}"
    return item.label


def _alternative_pdf(application, ctx, item, section: dict) -> bytes | None:
    """One field of `section` (declare.reading) as an attachment, or the whole section."""
    field_key = item.alternative[1]
    if field_key:
        blocks = [{"heading": "", "text": section["values"][field_key]}]
    else:
        blocks = [{"heading": label, "text": text} for label, text in section["rows"]]
    if not any(b["text"] for b in blocks):
        return None
    return render_pdf("annex_text.html", {"doc_label": ctx["doc_label"], "bundle": True,
                                          "title": _attachment_title(application, item),
                                          "blocks": blocks})


def summary_file(call, recommender, kind: str, fmt: str) -> tuple[bytes, str]:
    """附件2-1/2-2 of one recommender (xlsx or pdf), or all recommenders as one workbook."""
    from quotas.selectors import annex2_rows

    if recommender is not None:
        header, rows = annex2_rows(call, recommender, kind)
        render = annex2_xlsx if fmt == "xlsx" else annex2_pdf
        return render(kind, header, rows), f"{ANNEX[kind]} {recommender.label}.{fmt}"
    sheets = [annex2_rows(call, rec, kind) for rec in
              call.recommenders.order_by("kind", "division_code", "name")]
    title = sheets[0][0].get("title", "") if sheets else ""
    return region_xlsx(kind, title, sheets), f"{ANNEX[kind]} 全区汇总.xlsx"


def summary_payload(call, recommender, kind: str, fmt: str) -> dict:
    from quotas.selectors import annex2_rows

    recs = [recommender] if recommender is not None else list(
        call.recommenders.order_by("kind", "division_code", "name"))
    return {"kind": kind, "fmt": fmt, "region": recommender is None,
            "sheets": [annex2_rows(call, rec, kind) for rec in recs]}


def plaque_fingerprint(context: dict) -> str:
    """The plaque (牌匾, projects.plaque) is made from its plain context alone."""
    return fingerprint({"kind": "plaque", "ctx": context})


def plaque_pdf(context: dict) -> bytes:
    return render_pdf("plaque.html", context)


def report_fingerprint(context: dict) -> str:
    """The printable 推荐报告 (quotas.report_print) is made from its plain context alone."""
    return fingerprint({"kind": "recommendation_report", "ctx": context})


def report_pdf(context: dict) -> bytes:
    return render_pdf("recommendation_report.html", context)
