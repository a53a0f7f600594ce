"""Give the celery worker real work: `python -m bench.worker OUT.json` queues the 附件3 PDF
and the print bundle of seeded applications through documents.services and waits for them."""

import json
import sys
import time

import django


def run(count: int = 3, timeout: float = 180) -> dict:
    from bench.seeddata import doc_number
    from declare.models import Application
    from documents.models import RenderStatus
    from documents.services import request_application_document

    apps = list(Application.objects.filter(call__doc_number=doc_number(0), kind="base")
                .select_related("created_by").order_by("id")[:count])
    started = time.monotonic()
    jobs = [request_application_document(application=a, kind=kind, by=a.created_by)
            for a in apps for kind in ("form", "bundle")]
    pending = {j.pk for j in jobs}
    model = type(jobs[0])
    while pending and time.monotonic() - started < timeout:
        time.sleep(1)
        done = model.objects.filter(pk__in=pending, status__in=[RenderStatus.DONE,
                                                               RenderStatus.FAILED])
        pending -= set(done.values_list("pk", flat=True))
    failed = model.objects.filter(pk__in=[j.pk for j in jobs], status=RenderStatus.FAILED).count()
    return {"jobs": len(jobs), "unfinished": len(pending), "failed": failed,
            "seconds": round(time.monotonic() - started, 1)}


def main(out_path: str) -> None:
    django.setup()
    try:
        result = run()
    except Exception as exc:  # report, never stop the benchmark  # noqa: BLE001
        result = {"error": f"{type(exc).__name__}: {exc}"}
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
