"""A worker process loads WeasyPrint and the CJK fonts when it starts (issue 20 §7):
documents.render.warm_up, connected to Celery's worker_process_init in config/celery.py. In a
fresh Python process the first 附件3 after warm_up costs what a second one does, not the
font loading on top (figures: docs/scaling.md, "Fonts preloaded in the worker")."""

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

# In a fresh process: CPU seconds (the machine is shared: wall time would measure the queue) of
# rendering `html` (a real 附件3) the first time, cold or after warm_up, and (warm) a second time.
TIMING = """
import json, sys, time
import django
django.setup()
from documents.render import warm_up, _font_config
html = open(sys.argv[1], encoding="utf-8").read()
def render():  # a worker's first job also imports WeasyPrint: counted in "first"
    started = time.process_time()
    from weasyprint import HTML
    HTML(string=html).write_pdf(font_config=_font_config())
    return time.process_time() - started
warm = None
if sys.argv[2] == "warm":
    started = time.process_time()
    size = warm_up()
    warm = time.process_time() - started
first = render()
second = render() if sys.argv[2] == "warm" else None
print(json.dumps({"warm_up": warm, "first": first, "second": second}))
"""


def _fresh_process(html_path, mode) -> dict:
    out = subprocess.run([sys.executable, "-c", TIMING, str(html_path), mode], check=True,
                         capture_output=True, text=True, timeout=180)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_worker_process_init_preloads_the_fonts():
    receivers = [r[1]() for r in worker_process_init.receivers]
    assert celery_config._preload_fonts in receivers


def test_first_annex3_in_a_fresh_process_after_warm_up_is_as_fast_as_a_warm_one(
        call, unit_a, alice, tmp_path):
    app = ApplicationFactory(call=call, unit=unit_a, created_by=alice, reference="2025-JD-0042")
    fill_application(app, occupations=[occupation("6-18-01-01"), occupation("6-18-02-04")])
    app = Application.objects.get(pk=app.pk)
    html = render_html(FORM_TEMPLATES[app.kind], {**application_context(app), "bundle": False})
    path = tmp_path / "annex3.html"
    path.write_text(html, encoding="utf-8")
    cold = _fresh_process(path, "cold")
    warm = _fresh_process(path, "warm")
    print("annex3 fresh process:", json.dumps({"cold": cold, "warm": warm}))
    # After warm_up the first render is a warm one (within 25 % or 0.2 s of CPU), and cheaper
    # than the cold first render, which pays the font loading on top of the render itself.
    assert warm["first"] < max(1.25 * warm["second"], warm["second"] + 0.2)
    assert warm["first"] < cold["first"]
