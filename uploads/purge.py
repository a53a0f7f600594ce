"""The storage half of purging uploads (issue 14 §7): which stored files under a directory no
record refers to and are old enough to go. Which records refer to what is decided by the app
that stores the files (declare.services.purge for 申报材料)."""

from datetime import datetime

from core.storage import file_names


def unreferenced_files(storage, directory: str, keep: set[str], *,
                       older_than: datetime) -> list[str]:
    """Names of the files under `directory` (all levels) that are not in `keep` and were last
    written before `older_than` — the grace period: a file whose upload is still being saved,
    or whose record is not committed yet, is younger than that and never listed."""
    return [name for name in file_names(storage, directory)
            if name not in keep and storage.get_modified_time(name) < older_than]

