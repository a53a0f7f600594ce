"""Render times: `python -m bench.render_times OUT.json`.

The documents engineer's bench/renders.py is used when it exists (its `measure()` returning
[{"name", "seconds", ...}]); otherwise the same three renders are timed here through the
documents app's public functions: 附件3 PDF of a complete seeded application, 附件2-1 Excel
of 1 000 rows, and a bundle of about 100 pages (scans as images and PDFs, 目录 and stamps).
"""

import io
import json
import os
import sys
import time

import django

TARGETS = {"annex3_pdf": 1.0, "annex2_xlsx_1000": 0.3, "bundle_100": 1.5}  # issue 20 §7


CPU: dict[str, float] = {}


def _cpu() -> float:
    """CPU seconds of this process and of the child processes it waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _timed(fn, name=None):
    """Wall seconds (returned) and CPU seconds of this process (kept in CPU[name]): on a shared
    machine the wall time includes waiting for a core, the CPU time does not."""
    started, cpu = time.perf_counter(), _cpu()
    result = fn()
    if name:
        CPU[name] = _cpu() - cpu
    return time.perf_counter() - started, result


def _scan_png(n: int) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi, a typical scan
    draw = ImageDraw.Draw(im)
    for y in range(120, 1650, 36):
        draw.line((120, y, 1120 - (y * n) % 300, y), fill=40, width=3)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def _parts(tmp) -> list:
    import img2pdf

    parts = []
    pages = [_scan_png(i) for i in range(16)]
    for i in range(5):
        path = tmp / f"scan{i}.pdf"
        path.write_bytes(img2pdf.convert(pages))
        parts.append((f"佐证材料{i + 1}", str(path), "application/pdf"))
    for i in range(19):
        path = tmp / f"photo{i}.png"
        path.write_bytes(pages[i % 16])
        parts.append((f"证书扫描件{i + 1}", str(path), "image/png"))
    return parts


LONG_TEXT = 1500  # characters per free-text field: about two thirds of a printed page


def _lengthen(app) -> int:
    """Make every free-text field of `app` long (its own text repeated to LONG_TEXT characters),
    as in a real 附件3, in the bench database; returns how many fields were lengthened."""
    from declare.models import Section
    from declare.schema import section_spec

    count = 0
    for section in Section.objects.filter(application=app):
        spec = section_spec(app.kind, section.key)
        data = dict(section.data or {})
        for field in spec.fields() if spec else ():
            text = data.get(field.key)
            if field.type == "textarea" and not field.pii and isinstance(text, str) and text:
                data[field.key] = (text * (LONG_TEXT // len(text) + 1))[:LONG_TEXT]
                count += 1
        Section.objects.filter(pk=section.pk).update(data=data)
    return count


def fallback() -> list[dict]:
    import tempfile
    from pathlib import Path

    from pypdf import PdfReader

    import documents
    from bench.seeddata import doc_number
    from declare.models import Application

    out = []
    from documents.producers import form_pdf

    app = (Application.objects.filter(call__doc_number=doc_number(0), kind="base")
           .order_by("id").first())

    texts = _lengthen(app)
    cold, _pdf = _timed(lambda: form_pdf(app))  # a worker's first render also loads the fonts
    from documents.render import warm_up

    warm_up()  # as a worker process does when it starts (fonts loaded, heap frozen)
    secs, pdf = _timed(lambda: form_pdf(app), "annex3_pdf")
    out.append({"name": "annex3_pdf", "label": "附件3 PDF（两个专业）", "seconds": secs,
                "note": f"{len(PdfReader(io.BytesIO(pdf)).pages)} 页, {texts} long texts of "
                        f"{LONG_TEXT} characters; first render in a fresh process {cold:.2f} s"})
    rows = [{"seq": i + 1, "unit": f"压测第{i + 1:04d}号职业技能培训学校",
             "category": "生产制造类A档", "occupation": "车工（6-18-01-01）",
             "honours": "2023年 自治区级高技能人才培训基地", "performance": "年均培训4200人次。" * 3}
            for i in range(1000)]
    header = {"recommender": "压测推荐单位", "filler": "张三", "phone": "0471-1234567"}
    secs, _x = _timed(lambda: documents.annex2_xlsx("base", header, rows), "annex2_xlsx_1000")
    out.append({"name": "annex2_xlsx_1000", "label": "附件2-1 Excel 1000 行", "seconds": secs,
                "note": ""})
    with tempfile.TemporaryDirectory() as tmp:
        parts = _parts(Path(tmp))
        secs, pdf = _timed(lambda: documents.build_bundle(parts, label="2025-JD-00001-v1"),
                           "bundle_100")
    out.append({"name": "bundle_100", "label": "合订本 约100页", "seconds": secs,
                "note": f"{len(PdfReader(io.BytesIO(pdf)).pages)} 页"})
    return out


def measure() -> tuple[list[dict], str]:
    return fallback(), "bench/render_times.py"


def main(out_path: str) -> None:
    django.setup()
    rows, source = measure()
    for row in rows:
        row.setdefault("target", TARGETS.get(row["name"]))
        row.setdefault("cpu", CPU.get(row["name"]))
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump({"rows": rows, "source": source}, fh, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
