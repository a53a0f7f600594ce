"""The image builds without its runtime secrets (issue 14 §7): the Dockerfile's collectstatic
step, run as the Dockerfile runs it, works without FIELD_ENCRYPTION_KEY (or any secret) in the
environment; production settings still refuse to load without a valid key."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run_instruction(word: str) -> str:
    """The shell command of the Dockerfile's RUN instruction that mentions `word`."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    [command] = [line[len("RUN "):] for line in text.splitlines()
                 if line.startswith("RUN ") and word in line]
    return command


def _clean_env(**extra) -> dict:
    """What a build step sees: the image's ENV, no .env file (.dockerignore), no secrets."""
    venv = Path(sys.executable).parent
    return {"PATH": f"{venv}:/usr/bin:/bin", "HOME": "/tmp", "PYTHONUNBUFFERED": "1", **extra}


def test_the_collectstatic_step_runs_without_any_secret(tmp_path):
    command = _run_instruction("collectstatic")
    env = _clean_env(HOME=str(tmp_path), STATIC_ROOT=str(tmp_path / "static"))
    assert not {k for k in env if "KEY" in k or "SECRET" in k}
    done = subprocess.run(["sh", "-c", command], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"\d+ static files copied", done.stdout)
    # DJANGO_DEBUG=0: the production storage, which also writes the compressed copies
    assert (tmp_path / "static" / "css" / "app.css").exists()
    assert (tmp_path / "static" / "css" / "app.css.gz").exists()


def _load_production_settings(**extra) -> subprocess.CompletedProcess:
    env = _clean_env(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="s" * 50, **extra)
    return subprocess.run([sys.executable, "-c", "import config.settings"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_production_settings_still_refuse_to_load_without_a_valid_key():
    missing = _load_production_settings()
    assert missing.returncode != 0
    assert "FIELD_ENCRYPTION_KEY 必须在生产环境中设置" in missing.stderr
    wrong = _load_production_settings(FIELD_ENCRYPTION_KEY="build-only-not-a-key")
    assert wrong.returncode != 0
    assert "FIELD_ENCRYPTION_KEY / FIELD_ENCRYPTION_KEYS_OLD 格式不正确" in wrong.stderr
