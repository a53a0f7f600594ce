"""Who the simulated users are and which URLs they load: `python -m bench.plan OUT.json`.

Runs with Django against the seeded bench database (block 1 of seed_bench) and writes one JSON
file that the locust processes (which do not load Django) and bench.queries read. Every
simulated user has its own account: orgs.security allows one live session per account. Each
account is given one session here (as django.contrib.auth.login would, and recorded as the
account's live session for orgs.security) and the locust users carry that session cookie: the pages are measured
without 50–200 simultaneous logins in the way, and every scenario reuses the same sessions.
"""

import json
import sys

import django
from django.urls import NoReverseMatch, reverse

USERS = 50
RUSH_USERS = 200
# The text field each kind's save changes (a long textarea, the usual autosave case).
SAVE_FIELD = {"base": ("t1_2", "background"), "studio": ("achievements", "achievements")}


def url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _applicant_rows(call):
    """One draft application per unit, each with its unit's applicant account."""
    from declare.forms import to_post
    from declare.models import Application, ApplicationStatus
    from declare.schema import section_spec
    from declare.services.sections import section_data
    from orgs.models import Membership

    users = {m.organisation_id: m.user.username for m in Membership.objects.filter(
        organisation__parent__in=call.recommenders.all(), role="applicant").select_related("user")}
    seen, rows = set(), []
    apps = (Application.objects.filter(call=call, status=ApplicationStatus.DRAFT)
            .order_by("-kind", "unit_id", "id").prefetch_related("sections"))
    for app in apps:
        if app.unit_id in seen:
            continue
        seen.add(app.unit_id)
        key, field = SAVE_FIELD[app.kind]
        spec = section_spec(app.kind, key)
        section = next(s for s in app.sections.all() if s.key == key)
        post = to_post(spec, section_data(app)[key], version=section.version)
        rows.append({"username": users[app.unit_id], "app": app.pk, "key": key, "field": field,
                     "section_url": url("declare:section", app.pk, key),
                     "submit_url": url("declare:submit", app.pk), "post": post})
    return rows


def _role_users(call, role, orgs):
    from orgs.models import Membership

    return list(Membership.objects.filter(role=role, organisation__in=orgs)
                .order_by("user__username").select_related("user", "organisation"))


def _expert_rows(call):
    from review.models import Assignment, SheetStatus

    rows, seen = [], set()
    for a in (Assignment.objects.filter(panel__call=call, expert__user__isnull=False)
              .exclude(sheet__status=SheetStatus.SUBMITTED)
              .order_by("expert_id", "id").select_related("expert__user")):
        if a.expert_id not in seen:
            seen.add(a.expert_id)
            rows.append({"username": a.expert.user.username,
                         "url": url("review:sheet", a.pk), "tasks_url": url("review:tasks")})
    return rows


def build(block: int = 0) -> dict:
    from bench.seeddata import BENCH_PASSWORD, doc_number
    from calls.models import Call

    call = Call.objects.get(doc_number=doc_number(block))
    region = call.issuer
    applicants = _applicant_rows(call)
    base = [a for a in applicants if a["key"] == "t1_2"][:USERS]
    rush = [{**a, "url": a["section_url"]} for a in applicants if a not in base][:RUSH_USERS]
    recs = [{"username": m.user.username, "url": url("quotas:inbox", m.organisation_id, call.pk)}
            for m in _role_users(call, "recommender", call.recommenders.all())][:USERS]
    reviewers = _role_users(call, "reviewer", [region])[:USERS]
    receipt = url("review:receipt", call.pk) or url("quotas:region", call.pk)
    stats = url("review:stats", call.pk)
    experts = _expert_rows(call)[:USERS]
    scenarios = {
        "hello": {"label": "bare hello view", "accounts": [], "url": "/bench/hello/"},
        "applicant_home": {"label": "applicant home (/)",
                           "accounts": [{**a, "url": "/"} for a in base]},
        "section_get": {"label": "section edit (GET)",
                        "accounts": [{**a, "url": a["section_url"]} for a in base]},
        "section_save": {"label": "section save (POST, autosave)", "save": True,
                         "accounts": [{**a, "url": a["section_url"]} for a in base]},
        "recommender_inbox": {"label": "recommender inbox", "accounts": recs},
        "region_receipt": {"label": "region receipt dashboard",
                           "accounts": [{"username": m.user.username, "url": receipt}
                                        for m in reviewers] if receipt else []},
        "expert_sheet": {"label": "expert scoring page", "accounts": experts},
        "statistics": {"label": "statistics page",
                       "accounts": [{"username": m.user.username, "url": stats}
                                    for m in reviewers] if stats else []},
    }
    extra = {  # query counts only
        "declare_list": {"label": "applicant list", "account": base[0]["username"],
                         "url": url("declare:list")},
        "overview": {"label": "application overview", "account": base[0]["username"],
                     "url": url("declare:overview", base[0]["app"])},
        "expert_tasks": {"label": "expert task list",
                         "account": experts[0]["username"] if experts else "",
                         "url": experts[0]["tasks_url"] if experts else None},
        "region_overview": {"label": "region package overview",
                            "account": reviewers[0].user.username if reviewers else "",
                            "url": url("quotas:region", call.pk)},
    }
    return {"password": BENCH_PASSWORD, "call": call.pk, "scenarios": scenarios,
            "extra": extra, "rush": {"label": "deadline rush (typing and autosaving, then submit)",
                                     "accounts": rush}}


def _session_for(user, backend: str) -> str:
    """What django.contrib.auth.login leaves behind, without its signal handlers (last-login
    update, lock-out log, audit: a quarter of a second per account): a session holding the
    user, and the account's live-session record that orgs.security checks."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone

    from orgs.models import AccountState
    from orgs.security import ABSOLUTE_KEY
    from orgs.stepup import VERIFIED_KEY

    now = timezone.now()
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session.update({SESSION_KEY: user._meta.pk.value_to_string(user),
                    BACKEND_SESSION_KEY: backend, HASH_SESSION_KEY: user.get_session_auth_hash(),
                    ABSOLUTE_KEY: now.timestamp(), VERIFIED_KEY: now.timestamp()})
    session.create()
    AccountState.objects.update_or_create(
        user=user, defaults={"session_key": session.session_key, "login_at": now},
        create_defaults={"session_key": session.session_key, "login_at": now,
                         "password_changed_at": now})
    return session.session_key


def sign_in(plan: dict) -> int:
    """One session per account of the plan; its key is written into each account entry."""
    from django.conf import settings
    from django.contrib.auth import get_user_model, load_backend

    backend = next(path for path in settings.AUTHENTICATION_BACKENDS
                   if hasattr(load_backend(path), "get_user"))
    accounts = [a for s in plan["scenarios"].values() for a in s["accounts"]]
    accounts += plan["rush"]["accounts"]
    users = get_user_model().objects.in_bulk({a["username"] for a in accounts},
                                             field_name="username")
    keys: dict[str, str] = {}
    for account in accounts:
        name = account["username"]
        if name not in keys:
            keys[name] = _session_for(users[name], backend)
        account["session"] = keys[name]
    plan["session_cookie"] = settings.SESSION_COOKIE_NAME
    return len(keys)


def main(path: str) -> None:
    django.setup()
    plan = build()
    sign_in(plan)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(plan, fh, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
