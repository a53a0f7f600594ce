"""What each kind of render job produces: the bytes, the file extension and the download name,
plus the fingerprint of the content they are made from (the cache key). 附件3/4 and the 合订本
come in two renderings with their own keys: in full, and `masked` (the numbers masked as the
pages mask them, the personal checklist items left out)."""

import json
import re
from io import BytesIO

from calls.choices import ProjectKind
from core.sealed import open_plain
from declare.reading import printed_form, render_sections
from declare.services.materials import checklist_status
from declare.services.sections import section_data

from .annex2 import ANNEX, annex2_xlsx, region_pdf, region_xlsx
from .bundle import build_bundle
from .contexts import application_context
from .render import TEMPLATE_VERSION, Metadata, render_pdf
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
    return render_pdf(FORM_TEMPLATES[application.kind], {**ctx, "bundle": bundle},
                      metadata=None if bundle else application_metadata(
                          application, form_title(application), ctx["doc_label"]))


def form_title(application) -> str:
    annex, name = FORM_NAMES[application.kind]
    return f"{application.call.year}年{name}（{annex}）"


def call_subject(call) -> str:
    return f"{call.title}（{call.doc_number}）"


def application_metadata(application, title: str, label: str) -> Metadata:
    return Metadata(title=f"{title} {label}", author=application.unit.name,
                    subject=call_subject(application.call))


def bundle_pdf(application, *, masked: bool = False, on_progress=None) -> bytes:
    """Cover, 目录, 附件3/4, then attachments and materials in checklist order (a required one
    not uploaded listed as 未上传), numbered through."""
    ctx = application_context(application, masked=masked)
    cover = render_pdf("bundle_cover.html", {**ctx, "bundle": True,
                                             "form_title": form_title(application),
                                             "recommender": application.unit.parent.name
                                             if application.unit.parent_id else ""})
    parts = [(form_title(application),
              BytesIO(form_pdf(application, masked=masked, bundle=True)), PDF),
             *material_parts(application, ctx, masked=masked)]
    if on_progress:
        on_progress(30)
    return build_bundle(parts, front=[("封面", BytesIO(cover), PDF)], label=ctx["doc_label"],
                        draft=ctx["draft"],
                        metadata=application_metadata(
                            application, f"{form_title(application)} 打印合订本",
                            ctx["doc_label"]),
                        on_progress=on_progress)


def _materials(application, *, masked: bool) -> list:
    materials = materials_of(application)
    return [m for m in materials if not m.is_personal] if masked else materials


def _checklist(application, *, masked: bool) -> list[dict]:
    """declare's checklist status (the one rule of "present" and "missing"), without the
    personal items in the masked rendering."""
    return [row for row in checklist_status(application)
            if not (masked and row["item"].personal)]


def missing_in_bundle(application, *, masked: bool) -> list[str]:
    """The required materials the 合订本 lists as 未上传 (and the print page warns about)."""
    return [row["item"].label for row in _checklist(application, masked=masked)
            if row["missing"]]


def material_parts(application, ctx: dict, *, masked: bool) -> list[tuple]:
    """Uploaded files per checklist item (sealed ones decrypted in memory; none of the personal
    items when `masked`), or the text typed into the form where the checklist allows that
    alternative (实施管理办法, 经费管理实施细则, 申报报告); a required item with neither is a
    part without pages (source None), listed as 未上传."""
    materials = _materials(application, masked=masked)
    sections = {s["key"]: s for s in render_sections(application, viewer=printed_form(masked))}
    parts = []
    for row in _checklist(application, masked=masked):
        item = row["item"]
        mine = [m for m in materials if m.item == item.key]
        for m in mine:
            title = item.label if len(mine) == 1 else f"{item.label}（{m.title}）"
            parts.append((title, open_plain(m.file), m.content_type))
        if row["missing"]:
            parts.append((item.label, None, None))
        elif not mine and item.alternative:
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
    for b in blocks:
        b["paragraphs"] = text_paragraphs(b["text"])
    return render_pdf("annex_text.html", {"doc_label": ctx["doc_label"], "bundle": True,
                                          "title": _attachment_title(application, item),
                                          "blocks": blocks})


CHAPTER = re.compile(r"^[\s\u3000]*第[一二三四五六七八九十百零〇]+章")


def text_paragraphs(text) -> list[dict]:
    """Typed text as printed paragraphs: one per line (blank lines dropped), each indented 2em
    unless it brings its own leading (full-width) spaces, which are kept as typed; a 第…章
    line is a centred chapter heading."""
    out = []
    for line in str(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            continue
        out.append({"text": line.rstrip(), "chapter": bool(CHAPTER.match(line)),
                    "own_indent": line[:1] in ("\u3000", " ", "\t")})
    return out


def summary_file(call, recommender, kind: str, fmt: str) -> tuple[bytes, str]:
    """附件2-1/2-2 of one recommender, or of all recommenders in 附件1's order (one sheet, or one
    PDF section, per recommender), as xlsx or pdf."""
    sheets = _summary_sheets(call, recommender, kind)
    label = _summary_label(recommender)
    name = summary_name(recommender, kind, fmt)
    title = sheets[0][0].get("title", "") if sheets else ""
    if fmt == "pdf":
        author = recommender.name if recommender is not None else call.issuer.name
        metadata = Metadata(title=f"{ANNEX[kind]} {title}（{label}）", author=author,
                            subject=call_subject(call))
        return region_pdf(kind, sheets, metadata=metadata), name
    if recommender is not None:
        return annex2_xlsx(kind, *sheets[0]), name
    return region_xlsx(kind, title, sheets), name


def _summary_label(recommender) -> str:
    return recommender.label if recommender is not None else "全区汇总"


def summary_name(recommender, kind: str, fmt: str) -> str:
    return f"{ANNEX[kind]} {_summary_label(recommender)}.{fmt}"


def _summary_sheets(call, recommender, kind: str) -> list[tuple[dict, list[dict]]]:
    from quotas.annex2 import annex2_rows, region_sheets

    if recommender is not None:
        return [annex2_rows(call, recommender, kind)]
    return region_sheets(call, kind)


def summary_payload(call, recommender, kind: str, fmt: str) -> dict:
    return {"kind": kind, "fmt": fmt, "region": recommender is None,
            "sheets": _summary_sheets(call, recommender, kind)}


def plaque_fingerprint(context: dict) -> str:
    """The plaque (牌匾, projects.plaque) is made from its plain context alone."""
    return fingerprint({"kind": "plaque", "ctx": context})


def plaque_pdf(context: dict) -> bytes:
    return render_pdf("plaque.html", context, metadata=Metadata(
        title=f"{context['title']}牌匾 {context['unit']}（{context['number']}）",
        author=context["issuer"], subject=f"{context['unit']}{context['name']}"))


def report_fingerprint(context: dict) -> str:
    """The printable 推荐报告 (quotas.report_print) is made from its plain context alone."""
    return fingerprint({"kind": "recommendation_report", "ctx": context})


def report_pdf(context: dict) -> bytes:
    return render_pdf("recommendation_report.html", context)


def notice_fingerprint(context: dict) -> str:
    """The printable 公示 (review.notice_print) is made from its plain context alone."""
    return fingerprint({"kind": "public_notice", "ctx": context})


def notice_pdf(context: dict) -> bytes:
    return render_pdf("public_notice.html", context, metadata=Metadata(
        title=context["title"], author=context["issuer"], subject=context["subject"]))
