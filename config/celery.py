import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("skilldeclare")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A pool process that has grown past this many KiB by the end of a task is replaced before the
# next one (issue 14 §6). One render's own peak is bounded by documents.images (an 80 Mpx
# image costs its decoded size, about 320 MB, once); this keeps leaks from adding up.
WORKER_MAX_MEMORY_KIB = 512 * 1024
app.conf.worker_max_memory_per_child = WORKER_MAX_MEMORY_KIB

# Every worker stamps a heartbeat into Redis every 2 s, which /readyz and the worker's container
# healthcheck read (ops/heartbeat.py).
from ops.heartbeat import Heartbeat  # noqa: E402

app.steps["worker"].add(Heartbeat)


# Each pool process loads WeasyPrint and the CJK fonts when it starts, not on its first 附件3
# (issue 20 §7): documents.render.warm_up renders a tiny document in those fonts.
from celery.signals import worker_process_init  # noqa: E402


@worker_process_init.connect
def _preload_fonts(**kwargs):
    from documents.render import warm_up

    warm_up()
