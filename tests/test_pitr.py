"""Point-in-time recovery (issue 19 §4, the runbook in docs/operations.md): a base backup
(pg_basebackup) plus the archived WAL, replayed to a moment between two saves, has the first
save and not the second.

The test starts its own throwaway cluster (initdb in a temporary directory, another port,
archive_mode on, the same archive_command shape as .ci/services and docker-compose); the shared
cluster on 5432 is never restarted. As root (make test on Debian) the PostgreSQL programs run
as the `postgres` user, since initdb refuses root."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

BIN = Path(os.environ.get("PG_BINDIR", "/usr/lib/postgresql/15/bin"))
AS_ROOT = os.geteuid() == 0


def _run(*args, check=True) -> subprocess.CompletedProcess:
    prefix = ["runuser", "-u", "postgres", "--"] if AS_ROOT else []
    done = subprocess.run([*prefix, *map(str, args)], capture_output=True, text=True,
                          timeout=120)
    if check and done.returncode:
        raise AssertionError(f"{args[0]} failed: {done.stdout}\n{done.stderr}")
    return done


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, data: Path, port: int):
        self.data, self.port = data, port

    def configure(self, **gucs) -> None:
        with open(self.data / "postgresql.conf", "a") as conf:
            for name, value in gucs.items():
                conf.write(f"{name} = '{value}'\n")

    def start(self) -> None:
        _run(BIN / "pg_ctl", "-D", self.data, "-l", self.data / "server.log", "-w", "-t", "60",
             "start")

    def stop(self) -> None:
        _run(BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)

    def connect(self):
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                               dbname="postgres", autocommit=True)


def _wait(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.fixture
def workdir():
    root = Path(tempfile.mkdtemp(prefix="pitr-"))
    if AS_ROOT:
        shutil.chown(root, "postgres", "postgres")
    clusters: list[Cluster] = []
    try:
        yield root, clusters
    finally:
        for cluster in clusters:
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_wal_replayed_to_a_time_between_two_saves_has_the_first_and_not_the_second(workdir):
    root, clusters = workdir
    archive = root / "wal-archive"
    _run("mkdir", archive)
    primary = Cluster(root / "primary", _free_port())
    clusters.append(primary)
    _run(BIN / "initdb", "-D", primary.data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
    primary.configure(port=primary.port, listen_addresses="127.0.0.1",
                      unix_socket_directories=root, wal_level="replica", archive_mode="on",
                      archive_command=f"test ! -f {archive}/%f && cp %p {archive}/%f",
                      fsync="off", max_connections="20", shared_buffers="16MB")
    primary.start()
    with primary.connect() as conn:
        conn.execute("CREATE TABLE saves (id int PRIMARY KEY, note text NOT NULL)")

    base = Cluster(root / "restored", _free_port())
    _run(BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", primary.port, "-U", "postgres",
         "-D", base.data, "-X", "stream", "-c", "fast")

    with primary.connect() as conn:
        conn.execute("INSERT INTO saves VALUES (1, 'save 1')")
        between = conn.execute("SELECT clock_timestamp()::text").fetchone()[0]
        time.sleep(0.5)
        conn.execute("INSERT INTO saves VALUES (2, 'save 2')")
        segment = conn.execute("SELECT pg_walfile_name(pg_switch_wal())").fetchone()[0]
        _wait(lambda: conn.execute("SELECT last_archived_wal FROM pg_stat_archiver")
              .fetchone()[0] == segment, f"WAL segment {segment} to be archived")
        assert conn.execute("SELECT count(*) FROM saves").fetchone()[0] == 2
    primary.stop()

    clusters.append(base)
    base.configure(port=base.port, archive_mode="off",
                   restore_command=f"cp {archive}/%f %p", recovery_target_time=between,
                   recovery_target_action="promote")
    _run("touch", base.data / "recovery.signal")
    base.start()
    with base.connect() as conn:
        _wait(lambda: not conn.execute("SELECT pg_is_in_recovery()").fetchone()[0],
              "the restored cluster to finish recovery")
        notes = [n for (n,) in conn.execute("SELECT note FROM saves ORDER BY id")]
    log = (base.data / "server.log").read_text() if not AS_ROOT else _run(
        "cat", base.data / "server.log").stdout
    assert notes == ["save 1"]
    assert "recovery stopping before commit of transaction" in log
