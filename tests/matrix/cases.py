"""Who may open which URL. Every named URL of the project must have a case here.

A case: (path builder taking the `World`, the set of actors allowed, method, data). Everyone
not in the set must get 404/403 (or, when anonymous, a redirect to the login page). POST
cases run inside a rolled-back savepoint, so an allowed actor's action changes nothing for
the next case; for a refused actor the stored data must not change at all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

ACTORS = ("anonymous", "alice", "bob", "rex", "yvonne", "eve", "eve2", "rita", "adam", "charlie",
          "olga", "oscar", "ezra", "ursula")
EVERYONE = frozenset(ACTORS) - {"anonymous"}
NOBODY: frozenset = frozenset()
PROVINCE = frozenset({"rita", "adam"})          # reviewer and administrator of the issuer
# Reviewer and administrator of a SECOND issuer (a city bureau with its own call): none of the
# region's objects, only the pages every reviewer/administrator has for their own calls.
OTHER_ISSUER = frozenset({"olga", "oscar"})
OVERSEERS = PROVINCE | OTHER_ISSUER             # role-level pages of reviewers and administrators
A_VIEWERS = frozenset({"alice", "rex"}) | PROVINCE  # unit A's non-draft records
B_VIEWERS = frozenset({"bob", "rex"}) | PROVINCE


@dataclass(frozen=True)
class Case:
    path: Callable
    allowed: frozenset
    method: str = "get"
    data: Callable | dict = field(default_factory=dict)

    def payload(self, world) -> dict:
        return self.data(world) if callable(self.data) else self.data


def c(path, allowed, method="get", data=None) -> Case:
    return Case(path if callable(path) else (lambda w, p=path: p), frozenset(allowed), method,
                data or {})


def pk(attr: str) -> Callable:
    """The primary key of a world object: pk("app_a") → lambda w: w.app_a.pk."""
    return lambda w: getattr(w, attr).pk


def at(name: str, *args) -> Callable:
    """A path builder: reverse(name) with world-dependent arguments."""
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


def post(path, allowed, data=None) -> Case:
    return c(path, allowed, "post", data)


CORE: dict[str, list[Case]] = {
    "home": [c("/", EVERYONE)],
    "password_change": [c("/password/", EVERYONE)],
    "account": [c("/account/", EVERYONE), post("/account/", EVERYONE, {"email": "a@example.org"})],
    "catalog:occupation_search": [c("/catalog/occupations/?q=车工", EVERYONE)],
    "second_factor": [c("/account/2fa/", OVERSEERS)],   # role-wide (orgs.twofactor)
    # 消息通知: everyone's own list; one message opens only for its recipient
    "notify:list": [c("/notifications/", EVERYONE)],
    "notify:read_all": [post("/notifications/read/", EVERYONE)],
    "notify:open": [post(at("notify:open", pk("note_alice")), {"alice"})],
    # 公示公告 and 验收合格 projects: anyone, signed in or not (public/selectors.py)
    "public:index": [c("/public/", set(ACTORS))],
    "public:notice": [c(at("public:notice", pk("notice")), set(ACTORS))],
    "public:accepted": [c("/public/accepted/", set(ACTORS))],
}

# URL names that are public or handled by Django/admin tests elsewhere.
# confirm_code asks any signed-in account for its own code (tests/test_security_second_factor.py);
# the self-service unlock pages come before login (tests/test_unlock.py).
PUBLIC = {"login", "logout", "login_otp", "confirm_code",
          "orgs:unlock_email", "orgs:unlock_link", "orgs:unlock_code"}


def all_cases() -> dict[str, list[Case]]:
    from .cases_declare import DECLARE
    from .cases_projects import DOCUMENTS, PROJECTS
    from .cases_quotas import QUOTAS
    from .cases_review import REVIEW
    from .cases_verify import VERIFY

    merged: dict[str, list[Case]] = {}
    for group in (CORE, DECLARE, QUOTAS, REVIEW, DOCUMENTS, PROJECTS, VERIFY):
        for name, cases in group.items():
            merged.setdefault(name, []).extend(cases)
    return merged
