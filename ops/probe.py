"""A container healthcheck without curl and without loading Django:
`python -m ops.probe /healthz` exits 0 when this container's gunicorn answers 200 (GUNICORN_BIND's
port), 1 otherwise (a 503 from /readyz, a refused or slow connection)."""

import os
import sys
import urllib.request

TIMEOUT_SECONDS = 3


def answers(path: str) -> bool:
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[1]
    url = f"http://127.0.0.1:{port}{path}"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as r:  # noqa: S310  # nosec B310
            return r.status == 200
    except OSError:  # HTTPError (a 503), refused, timed out
        return False


if __name__ == "__main__":
    sys.exit(0 if answers(sys.argv[1]) else 1)
