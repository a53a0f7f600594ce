"""The printable 公示 (issue 16 §10): the plain context of the PDF that the issuing office posts,
files or hands out — the notice's own text as published, line by line, with its 更正 line and
its issuer. documents renders it (documents.services.request_notice) and codes every page
(verify); nothing here touches the renderer."""

import re

from declare.schema import chinese_date

ITEM = re.compile(r"^\d+\.\s")


def notice_context(notice) -> dict:
    call = notice.call
    corrected = ""
    if notice.corrected_on:
        corrected = (f"（更正）{chinese_date(notice.corrected_on)}更正，"
                     f"公示期至{chinese_date(notice.ends_on)}")
    return {
        "title": notice.title,
        "paragraphs": [{"text": line.strip(), "item": bool(ITEM.match(line.strip()))}
                       for line in notice.body.splitlines()],
        "corrected": corrected,
        "issuer": call.issuer.name,
        "date": chinese_date(notice.starts_on),
        "subject": f"{call.title}（{call.doc_number}）",
        "notice": notice.pk,
    }
