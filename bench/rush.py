"""After the deadline rush: is every acknowledged save and submission in the database?

`python -m bench.rush PLAN.json ACKS.json OUT.json`. A save the server answered {"ok": true,
"version": v} must exist as version v of that section in its history with the text the user
sent — or, being an autosave, have been followed by a later acknowledged save of the same
section, whose row it was coalesced into (one history row per editing burst, issue 20 §3:
declare/services/history.py) — and the section must now stand at the highest acknowledged
version; an acknowledged submission must have left the application submitted.
"""

import json
import sys
from collections import defaultdict

import django


def verify(acks: list[dict]) -> dict:
    from declare.models import Application, ApplicationStatus, Section

    History = Section.history.model
    lost, saves, submits, wrong_submit = [], 0, 0, []
    latest: dict[tuple, int] = defaultdict(int)
    for ack in acks:
        if ack["kind"] == "save":
            saves += 1
            key = (ack["app"], ack["key"])
            latest[key] = max(latest[key], ack["version"])
    for ack in acks:
        if ack["kind"] == "save":
            if ack["version"] < latest[(ack["app"], ack["key"])]:
                continue   # superseded: its burst's row holds the later save
            rec = History.objects.filter(application_id=ack["app"], key=ack["key"],
                                         version=ack["version"]).order_by("-history_id").first()
            if rec is None or ack["token"] not in json.dumps(rec.data, ensure_ascii=False):
                lost.append(ack)
        else:
            submits += 1
            status = Application.objects.filter(pk=ack["app"]).values_list("status", flat=True)
            if list(status) != [ApplicationStatus.SUBMITTED]:
                wrong_submit.append(ack["app"])
    stale = [k for k, v in latest.items()
             if Section.objects.get(application_id=k[0], key=k[1]).version != v]
    return {"acknowledged_saves": saves, "lost_saves": len(lost), "acknowledged_submits": submits,
            "submits_not_in_db": len(wrong_submit), "sections_not_at_last_version": len(stale),
            "examples": lost[:3]}


def main(acks_path: str, out_path: str) -> None:
    django.setup()
    acks = json.load(open(acks_path, encoding="utf-8"))  # noqa: SIM115
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(verify(acks), fh, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
