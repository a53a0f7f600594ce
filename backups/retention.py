"""Which archives to keep: the newest of each of the last `daily` days, `weekly` ISO weeks and
`monthly` months that have a backup (grandfather-father-son); the rest are deleted."""

from datetime import UTC, datetime
from pathlib import Path

PREFIX, SUFFIX = "skill-", ".skbk"
STAMP = "%Y%m%dT%H%M%SZ"


def archive_name(at: datetime) -> str:
    return f"{PREFIX}{at.astimezone(UTC).strftime(STAMP)}{SUFFIX}"


def made_at(path: Path) -> datetime | None:
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    try:
        return datetime.strptime(name[len(PREFIX):-len(SUFFIX)], STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def archives(directory: Path) -> list[tuple[datetime, Path]]:
    """The complete archives in `directory`, newest first (.partial files are not archives)."""
    if not directory.is_dir():
        return []
    found = [(made_at(p), p) for p in directory.iterdir() if p.is_file()]
    return sorted(((at, p) for at, p in found if at), reverse=True)


def to_keep(stamps: list[datetime], *, daily: int, weekly: int, monthly: int) -> set[datetime]:
    keep: set[datetime] = set()
    for count, period in ((daily, lambda t: t.date()),
                          (weekly, lambda t: t.isocalendar()[:2]),
                          (monthly, lambda t: (t.year, t.month))):
        seen = []
        for at in sorted(stamps, reverse=True):
            if period(at) not in seen:
                seen.append(period(at))
                if len(seen) > count:
                    break
                keep.add(at)
    return keep


def prune(directory: Path, *, daily: int, weekly: int, monthly: int) -> list[Path]:
    """Deletes the archives retention does not keep; returns them."""
    found = archives(directory)
    keep = to_keep([at for at, _ in found], daily=daily, weekly=weekly, monthly=monthly)
    gone = [p for at, p in found if at not in keep]
    for path in gone:
        path.unlink()
    return gone
