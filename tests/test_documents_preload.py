"""A worker process loads WeasyPrint and the CJK fonts when it starts (issue 20 §7):
documents.render.warm_up, connected to Celery's worker_process_init in config/celery.py. In a
fresh Python process the first 附件3 after warm_up finds its fonts open and WeasyPrint imported,
so it costs what a second one does (figures: docs/scaling.md, "Fonts preloaded in the worker")."""

import json
import subprocess
import sys

from celery.signals import worker_process_init

from config import celery as celery_config
from declare.models import Application
from documents.contexts import application_context
from documents.producers import FORM_TEMPLATES
from documents.render import render_html
from documents.samples import fill_application

from .factories import ApplicationFactory, occupation

# In a fresh process, rendering `html` (a real 附件3) the first time, cold or after warm_up: which
# font files the render mapped into memory (FreeType maps each face it opens: /proc/self/maps)
# and which modules it imported. Deterministic, unlike CPU seconds on a shared machine (the
# seconds are measured by the benchmark: docs/scaling.md, "Fonts preloaded in the worker").
PROBE = """
import json, sys
import django
django.setup()
from documents.render import warm_up, _font_config
html = open(sys.argv[1], encoding="utf-8").read()
def fonts():
    return {line.split()[-1] for line in open("/proc/self/maps") if line.rstrip().endswith(
        (".ttc", ".otf", ".ttf"))}
if sys.argv[2] == "warm":
    warm_up()
fonts_before, modules_before = fonts(), set(sys.modules)
from weasyprint import HTML  # a worker's first job also imports WeasyPrint
HTML(string=html).write_pdf(font_config=_font_config())
print(json.dumps({"preloaded": sorted(fonts_before), "fonts": sorted(fonts() - fonts_before),
                  "modules": sorted(set(sys.modules) - modules_before)}))
"""


def _fresh_process(html_path, mode) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, str(html_path), mode], check=True,
                         capture_output=True, text=True, timeout=180)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_worker_process_init_preloads_the_fonts():
    receivers = [r[1]() for r in worker_process_init.receivers]
    assert celery_config._preload_fonts in receivers


def test_first_annex3_in_a_fresh_process_after_warm_up_opens_no_font_and_imports_nothing(
        call, unit_a, alice, tmp_path):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0042")
    fill_application(app, occupations=[occupation("6-18-01-01"), occupation("6-18-02-04")])
    app = Application.objects.get(pk=app.pk)
    html = render_html(FORM_TEMPLATES[app.kind], {**application_context(app), "bundle": False})
    path = tmp_path / "annex3.html"
    path.write_text(html, encoding="utf-8")
    cold = _fresh_process(path, "cold")
    warm = _fresh_process(path, "warm")
    # Cold, the first 附件3 opens the CJK faces it is set in and imports WeasyPrint; after
    # warm_up those faces are already open and the render opens and imports nothing new.
    assert any("NotoSerifCJK" in path for path in cold["fonts"]), cold
    assert any(m.startswith("weasyprint") for m in cold["modules"]), cold
    assert set(cold["fonts"]) <= set(warm["preloaded"]), (cold, warm)
    assert (warm["fonts"], warm["modules"]) == ([], []), warm
