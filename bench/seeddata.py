"""Synthetic deadline-scale data for the benchmark (`manage.py seed_bench --scale N`).

Scale 1 is one region-year: one call issued by one region, 16 recommenders, 600 applicant
units, 1 000 applications with every section filled, 50 experts and about 3 000 score sheets.
Scale N repeats that block N times (N regions, each with its own call: a national year), so a
recommender, unit or expert sees the same amount of data at every N — which is exactly what
lets the benchmark show whether a page's query count grows with the size of the system.

Speed: rows are written with bulk_create in batches, every account shares one precomputed
password hash, and no signals run. simple-history rows are NOT written for synthetic data
(the history tables hold only what users change during the benchmark); guardian object
permissions and memberships are written directly, without the audit entries that
orgs.services.grant_membership adds for real grants.

Blocks are additive and idempotent: block b exists when its call (doc_number 压测〔2025〕b号)
exists, so `--scale 10` after `--scale 1` adds blocks 2–10 only.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from guardian.models import UserObjectPermission

from calls.choices import CallLevel, ProjectKind
from calls.models import Call, end_of_day
from catalog.models import Occupation
from orgs.models import Membership, Organisation, OrgKind, UnitNature
from orgs.roles import ROLE_PERMISSION, Role
from quotas.models import Quota

from . import seedforms

BENCH_PASSWORD = "Bench@2025pass"  # noqa: S105 - synthetic accounts of the bench database only
DOC_PREFIX = "压测〔2025〕"
BATCH = 1000

# Per block at scale 1 (issue 7).
PER_BLOCK = {"recommenders": 16, "units": 600, "applications": 1000, "experts": 50,
             "recommender_users": 4, "reviewers": 60, "panel": 47, "quota": 2}


@dataclass
class Sizes:
    recommenders: int
    units: int
    applications: int
    experts: int
    recommender_users: int
    reviewers: int
    panel: int
    quota: int

    @classmethod
    def for_scale(cls, scale: float) -> "Sizes":
        """Per-block sizes: whole blocks at scale ≥ 1, one shrunken block below 1."""
        f = min(scale, 1.0)
        n = {k: max(1, math.ceil(v * f)) for k, v in PER_BLOCK.items()}
        n["quota"] = PER_BLOCK["quota"]
        n["panel"] = min(n["panel"], n["experts"])
        return cls(**n)


def blocks_for(scale: float) -> int:
    return max(1, int(scale))


def doc_number(block: int) -> str:
    return f"{DOC_PREFIX}{block + 1}号"


def username(block: int, role: str, i: int, j: int | None = None) -> str:
    return f"bench{block}_{role}{i:03d}" + ("" if j is None else f"_{j}")


def seed(scale: float, out=None) -> dict:
    """Create the missing blocks for `scale`; returns counts of what was created."""
    write = out.write if out else (lambda s: None)
    sizes = Sizes.for_scale(scale)
    totals: dict[str, int] = {}
    ctx = _shared()
    for block in range(blocks_for(scale)):
        existing = Call.objects.filter(doc_number=doc_number(block)).first()
        if existing is not None:
            write(f"  block {block + 1}: already seeded, skipped")
            continue
        with transaction.atomic():
            counts = _seed_block(block, sizes, ctx)
        write(f"  block {block + 1}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v
    return totals


def _shared() -> dict:
    occupations = {
        major: list(Occupation.objects.filter(level=4, code__startswith=f"{major}-")
                    .order_by("code"))
        for major in (4, 6)
    }
    ct = ContentType.objects.get_for_model(Organisation)
    perms = {role: Permission.objects.get(content_type=ct, codename=p.split(".", 1)[1])
             for role, p in ROLE_PERMISSION.items()}
    return {"password": make_password(BENCH_PASSWORD), "occupations": occupations,
            "org_ct": ct, "perms": perms, "now": timezone.now(),
            "material": seedforms.material_file()}


def _bulk(model, rows: list) -> list:
    return model.objects.bulk_create(rows, batch_size=BATCH)


def _seed_block(block: int, n: Sizes, ctx: dict) -> dict:
    now = ctx["now"]
    region = Organisation.objects.create(
        kind=OrgKind.REGION, name=f"压测第{block + 1}自治区人力资源和社会保障厅",
        short_name=f"压测{block + 1}区人社厅", division_code="150000")
    recs = _bulk(Organisation, [Organisation(
        kind=OrgKind.LEAGUE_CITY if r < 14 else OrgKind.DIRECT, parent=region,
        name=f"压测{block + 1}区第{r + 1:02d}推荐单位", short_name=f"压测{block + 1}-{r + 1:02d}",
        division_code=f"15{r + 1:02d}00") for r in range(n.recommenders)])
    natures = list(UnitNature.values)
    units = _bulk(Organisation, [Organisation(
        kind=OrgKind.APPLICANT, parent=recs[u % n.recommenders],
        name=f"压测{block + 1}区第{u + 1:03d}号职业技能培训学校", short_name=f"压测单位{block + 1}-{u + 1}",
        credit_code=seedforms.credit_code(block, u), nature=natures[u % len(natures)])
        for u in range(n.units)])
    call = Call.objects.create(
        issuer=region, level=CallLevel.NATIONAL, year=2025, doc_number=doc_number(block),
        title=f"压测第{block + 1}批 2025年国家级高技能人才培训基地和技能大师工作室建设项目申报",
        indicator_base=5, indicator_studio=5, published_on=now.date(),
        contact_due=timezone.localdate() + timedelta(days=5),
        recommender_deadline=end_of_day(timezone.localdate() + timedelta(days=30)))
    call.recommenders.add(*recs)
    _bulk(Quota, [Quota(call=call, recommender=r, kind=k, amount=n.quota)
                  for r in recs for k in ProjectKind.values])
    users = _users(block, n, ctx, region, recs, units)
    apps = seedforms.applications(block, n, ctx, call, units, users["unit"])
    counts = {"recommenders": len(recs), "units": len(units), "applications": len(apps["all"]),
              "sections": apps["sections"], "users": users["count"]}
    from . import seedreview

    counts.update(seedreview.seed(block, n, ctx, call, region, recs, apps, users))
    return counts


def _users(block, n: Sizes, ctx, region, recs, units) -> dict:
    User = get_user_model()
    pw = ctx["password"]
    specs = []  # (username, full name, organisation, role)
    for u, unit in enumerate(units):
        specs.append((username(block, "unit", u), f"申报专员{u + 1}", unit, Role.APPLICANT))
    for r, rec in enumerate(recs):
        for j in range(n.recommender_users):
            specs.append((username(block, "rec", r, j), f"推荐专员{r + 1}-{j + 1}", rec,
                          Role.RECOMMENDER))
    for i in range(n.reviewers):
        specs.append((username(block, "reviewer", i), f"审核员{i + 1}", region, Role.REVIEWER))
    for i in range(n.experts):
        specs.append((username(block, "expert", i), f"专家{block + 1}-{i + 1}", region,
                      Role.EXPERT))
    specs.append((f"bench{block}_admin", "压测管理员", region, Role.ADMIN))
    created = _bulk(User, [User(username=name, first_name=full, password=pw,
                                is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
                           for name, full, _o, role in specs])
    _bulk(Membership, [Membership(user=user, organisation=org, role=role)
                       for user, (_n, _f, org, role) in zip(created, specs, strict=True)])
    _bulk(UserObjectPermission, [
        UserObjectPermission(user=user, permission=ctx["perms"][role],
                             content_type=ctx["org_ct"], object_pk=str(org.pk))
        for user, (_n, _f, org, role) in zip(created, specs, strict=True)])
    by_name = {s[0]: u for s, u in zip(specs, created, strict=True)}
    return {
        "count": len(created),
        "unit": [by_name[username(block, "unit", u)] for u in range(len(units))],
        "rec": [by_name[username(block, "rec", r, 0)] for r in range(len(recs))],
        "reviewer": [by_name[username(block, "reviewer", i)] for i in range(n.reviewers)],
        "expert": [by_name[username(block, "expert", i)] for i in range(n.experts)],
    }

