"""What the manifest says about the code a backup was made with."""

import subprocess  # noqa: S404 - git describe, fixed arguments
import tomllib
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader


@cache
def app_version() -> dict:
    """The project's version (pyproject.toml) and, in a git checkout, `git describe`."""
    with open(settings.BASE_DIR / "pyproject.toml", "rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    try:
        described = subprocess.run(["git", "describe", "--always", "--dirty"],  # noqa: S603, S607
                                   cwd=settings.BASE_DIR, capture_output=True, text=True,
                                   timeout=10).stdout.strip()
    except OSError:  # no git in the image: the version alone
        described = ""
    return {"version": version, "git": described}


def migration_heads() -> list[str]:
    """The code's latest migration of every app, as "app.name"."""
    graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    return sorted(f"{app}.{name}" for app, name in graph.leaf_nodes())


def unknown_heads(heads: list[str]) -> list[str]:
    """Migrations of a backup that this code does not have (the backup is from a newer
    version): restoring it under this code would run on a schema it does not know."""
    graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    return [h for h in heads if tuple(h.split(".", 1)) not in graph.nodes]
