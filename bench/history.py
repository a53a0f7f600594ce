"""History bytes per hour of continuous typing, and the CPU of one autosave (issue 20 §2/§3).

`python -m bench.history OUT.json` (run by `make bench` after the renders; by itself against
any migrated database holding one editable base application of a unit with an applicant user,
e.g. the seeded bench database). Everything it writes is rolled back.

History: a simulated hour of typing into one long text (表1-2 项目建设背景, one more sentence
every AUTOSAVE_EVERY seconds, the clock passed in), once with every save writing its own row
(every save explicit: what every autosave did before issue 20) and once as autosaves (one
row per editing burst, declare/services/history.py); the figure is the logical size of the
history rows written (pg_column_size of each row, so dead tuples of the in-place updates do
not count: autovacuum reclaims them).

CPU: N autosaves through Django's test client (bench/autosave.py), the whole form as the
page posted it before issue 20 against the JSON patch of the one changed item.
"""

import json
import sys
import time
from datetime import timedelta

import django

AUTOSAVE_EVERY = 5     # seconds between two autosaves of a user typing on
HOUR = 3600
CPU_SAVES = 60
KEY = "t1_2"
TEXT = 1500            # characters of the text being typed (the field holds at most 2 000)


class Rollback(Exception):
    pass


def _subject():
    from declare.models import EDITABLE_STATUSES, Application
    from orgs.models import Membership
    from orgs.roles import Role

    for app in Application.objects.filter(status__in=EDITABLE_STATUSES, kind="base") \
            .order_by("pk")[:50]:
        member = Membership.objects.filter(organisation=app.unit_id, role=Role.APPLICANT) \
            .select_related("user").first()
        if member:
            return app, member.user
    raise SystemExit("bench.history: no editable base application with an applicant user")


def _history_bytes(section_pk: int, after_id: int) -> tuple[int, int]:
    from django.db import connection

    from declare.models import Section

    table = Section.history.model._meta.db_table
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*), coalesce(sum(pg_column_size(h.*)), 0) FROM {table} h "  # noqa: S608
                    "WHERE h.id = %s AND h.history_id > %s", [section_pk, after_id])
        return cur.fetchone()


def typing_hour(app, user, *, autosave: bool) -> dict:
    from django.utils import timezone

    from declare.models import Section
    from declare.services.sections import save_section

    section = Section.objects.filter(application=app, key=KEY).first()
    version = section.version if section else 0
    start = timezone.now()
    save_section(application=app, key=KEY, data={"background": "开始"}, base_version=version,
                 by=user, now=start)   # the explicit save the hour starts from
    section = Section.objects.get(application=app, key=KEY)
    first = section.history.order_by("-history_id").values_list("history_id", flat=True)[0]
    text = "开始"
    for i in range(1, HOUR // AUTOSAVE_EVERY + 1):
        text = (text + f"第{i}句，培训基地建设背景的又一句话。")[-TEXT:]   # a page of text
        section = save_section(application=app, key=KEY, data={"background": text},
                               base_version=section.version, by=user, autosave=autosave,
                               now=start + timedelta(seconds=i * AUTOSAVE_EVERY))
    rows, size = _history_bytes(section.pk, first)
    return {"saves": HOUR // AUTOSAVE_EVERY, "rows": rows, "bytes": size}


def autosave_cpu(app, user) -> dict:
    from django.test import Client
    from django.urls import reverse

    from declare.forms import to_post
    from declare.models import Section
    from declare.schema import section_spec
    from declare.services.sections import decrypt_section

    from .autosave import measure

    spec = section_spec(app.kind, KEY)
    url = reverse("declare:section", args=[app.pk, KEY])
    client = Client()
    client.force_login(user)
    out = {}
    for mode in ("form", "patch"):
        section = Section.objects.get(application=app, key=KEY)
        values, state = decrypt_section(spec, section.data), {"v": section.version}

        def body(i, mode=mode, values=values, state=state):
            text = f"{values.get('background') or ''}·{mode}{i}"
            version = state["v"]
            state["v"] += 1
            if mode == "form":
                return to_post(spec, {**values, "background": text}, version=version), None
            return (json.dumps({"base_version": version,
                                "items": {"background": [["background", text]]}}),
                    "application/json")

        ms, queries = measure(client, url, body, CPU_SAVES)
        out[mode] = {"cpu_ms": round(ms, 2), "queries": queries}
    return out


def run() -> dict:
    from django.db import transaction

    app, user = _subject()
    result = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            result["history"] = {"every_save_a_row": typing_hour(app, user, autosave=False),
                                 "one_row_per_burst": typing_hour(app, user, autosave=True)}
            result["autosave"] = autosave_cpu(app, user)
            result["seconds"] = round(time.perf_counter() - started, 1)
            raise Rollback
    except Rollback:
        pass
    return result


def main(out_path: str) -> None:
    django.setup()
    result = run()
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
