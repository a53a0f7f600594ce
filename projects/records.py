"""A unit's bans and projects as the 资格预审 reads them (projects.eligibility), cached across
requests (issue 20 §4: the ban and open-construction queries were ≈ 6 ms of the expert sheet,
and of every page that runs the pre-check).

Each entry carries the one records version of the whole system it was read under. Every
write that can change what a rule reads gives the version a new value at once and again when
its transaction commits: a Ban, Project or Call saved or deleted (post_save / post_delete,
connected in projects.apps), and a queryset update(), bulk_create() or bulk_update() of Bans
or Projects (RecordsQuerySet, their manager). The next read after such a write reads the
database again; a reader that read the old rows just before the write stored them with the old
version, which no later read accepts. Such writes are rare (a project's workflow step, a ban
registered), so one version for all costs a re-read per unit after each. Entries live
RECORDS_TTL seconds at most. With Redis unreachable (config.cache.TolerantRedisCache answers
None) every read goes to the database.

What is kept is plain data, every ban and every project of the unit: the rules filter by the
day, the call's level and the application themselves, so an entry never depends on the date or
on who asked.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db import models

from calls.choices import CallLevel, ProjectKind
from core.versions import CacheVersion

from .choices import RevocationReason

RECORDS_TTL = 600
VERSION = CacheVersion("projects:records:v")
forget_all = VERSION.forget_all   # a signal receiver


@dataclass(frozen=True)
class BanRecord:
    reason: str
    starts_on: date
    ends_on: date

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day < self.ends_on

    def get_reason_display(self) -> str:
        return dict(RevocationReason.choices).get(self.reason, self.reason)


@dataclass(frozen=True)
class ProjectRecord:
    """A project with what the rules read of it and of its call."""

    id: int
    application_id: int
    level: str            # the call's
    year: int             # the call's
    kind: str
    status: str
    amount: Decimal
    period_end: date | None
    accepted_on: date | None

    def get_level_display(self) -> str:
        return dict(CallLevel.choices).get(self.level, self.level)

    def get_kind_display(self) -> str:
        return dict(ProjectKind.choices).get(self.kind, self.kind)


@dataclass(frozen=True)
class UnitRecords:
    bans: tuple[BanRecord, ...]
    projects: tuple[ProjectRecord, ...]   # in Project's own order (newest call first)


def unit_records(unit_id: int) -> UnitRecords:
    """Every ban and every project of the unit: from the cache when stored under the current
    version (the version and the entry in one round trip), else from the database, stored with
    the version read before."""
    key = f"projects:records:{unit_id}"
    got = cache.get_many([VERSION.key, key])
    current = got.get(VERSION.key) or VERSION.current()
    stored = got.get(key)
    if current is None:   # Redis unreachable
        return _load(unit_id)
    if stored is not None and stored[0] == current:
        return stored[1]
    found = _load(unit_id)
    cache.set(key, (current, found), RECORDS_TTL)
    return found


def _load(unit_id: int) -> UnitRecords:
    from .models import Ban, Project

    bans = Ban.objects.filter(unit_id=unit_id).order_by("-ends_on", "id").values_list(
        "reason", "starts_on", "ends_on")
    projects = (Project.objects.filter(unit_id=unit_id)
                .values_list("id", "application_id", "call__level", "call__year", "kind",
                             "status", "amount", "period_end", "accepted_on"))
    return UnitRecords(tuple(BanRecord(*row) for row in bans),
                       tuple(ProjectRecord(*row) for row in projects))


class RecordsQuerySet(models.QuerySet):
    """The manager of Ban and Project: the writes that send no post_save give a new version."""

    def update(self, **kwargs):
        done = super().update(**kwargs)
        forget_all()
        return done

    def bulk_create(self, *args, **kwargs):
        made = super().bulk_create(*args, **kwargs)
        forget_all()
        return made

    def bulk_update(self, *args, **kwargs):
        done = super().bulk_update(*args, **kwargs)
        forget_all()
        return done

    update.alters_data = True
    bulk_create.alters_data = True
    bulk_update.alters_data = True


def connect() -> None:
    """Called once from projects.apps: every model whose saves and deletes change a record."""
    from django.db.models import signals

    from calls.models import Call

    from .models import Ban, Project

    for model in (Ban, Project, Call):
        name = model._meta.label_lower
        signals.post_save.connect(forget_all, sender=model, dispatch_uid=f"records.s.{name}")
        signals.post_delete.connect(forget_all, sender=model, dispatch_uid=f"records.d.{name}")
