"""PostgreSQL restarted under a running site (issue 6 §7): a private cluster behind a real
gunicorn (DEBUG off, persistent connections); a section saved before the restart is still
there after it, a request during the outage gets the Chinese error page and no stack trace,
and the requests after the restart succeed on fresh connections (CONN_HEALTH_CHECKS)."""

import base64
import os
import re
import subprocess
import sys

import pytest
import requests

from .faults_support import ROOT, PostgresCluster, free_port, stop_process, wait_for

pytestmark = pytest.mark.services
MARK = "——重启前保存的内容（故障测试）"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Migrated and seeded private cluster + gunicorn on it; everything stopped at the end."""
    base = tmp_path_factory.mktemp("pgfault")
    cluster = PostgresCluster().init().start()
    server = None
    try:
        cluster.createdb("skill")
        # one superuser role on this private cluster (the two-role set-up is tested elsewhere)
        env = {**os.environ, "DATABASE_URL": cluster.url("skill"), "DATABASE_OWNER_URL": "",
               "REDIS_URL": "", "DJANGO_SECRET_KEY": "faults-" + "x" * 50, "PRIVATE_MEDIA_ROOT": str(base / "m"),
               "FIELD_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
               "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE": "0",
               "DB_CONN_MAX_AGE": "600", "AXES_ENABLED": "0"}
        manage = [sys.executable, "manage.py"]
        for cmd in (["migrate", "--noinput", "-v0"], ["seed_demo", "-v0"]):
            subprocess.run(manage + cmd, cwd=ROOT, env={**env, "DJANGO_DEBUG": "1"}, check=True,
                           capture_output=True, timeout=120)
        port = free_port()
        log = (base / "gunicorn.log").open("wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}",
             "-w", "1", "--timeout", "60"], cwd=ROOT, env={**env, "DJANGO_DEBUG": "0"},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: _answers(url), 30, "gunicorn to answer")
        yield url, cluster
    finally:
        if server is not None:
            stop_process(server)
        cluster.remove()


def _answers(url) -> bool:
    try:
        return requests.get(url + "/login/", timeout=10).status_code == 200
    except (requests.ConnectionError, requests.Timeout):
        return False


def login(url, username="app_baotou1") -> requests.Session:
    s = requests.Session()
    page = s.get(url + "/login/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    r = s.post(url + "/login/", data={"csrfmiddlewaretoken": token, "username": username,
                                      "password": "Nmg@2025demo"},
               headers={"Referer": url + "/login/"}, timeout=10)
    assert r.status_code == 200 and r.url == url + "/", r.text[:500]
    return s


def section_url(s, url) -> str:
    listing = s.get(url + "/declare/", timeout=10).text
    pk = re.search(r'href="/declare/(\d+)/"', listing).group(1)
    return f"{url}/declare/{pk}/sections/t1_2/"


def save_section(s, page_url, text):
    page = s.get(page_url, timeout=10).text
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|base_version)" value="([^"]*)"', page))
    r = s.post(page_url, data={**fields, "background": text, "foundation": "基础" * 30},
               headers={"Referer": page_url}, timeout=10)
    assert r.status_code == 200 and "已保存" in r.text, r.text[:800]


def test_restart_of_postgresql_loses_no_committed_data_and_requests_recover(site):
    url, cluster = site
    s = login(url)
    page_url = section_url(s, url)
    save_section(s, page_url, "包头市装备制造业基础雄厚" + MARK)

    cluster.stop("immediate")  # a crash: no clean shutdown, recovery from the WAL
    try:
        down = s.get(url + "/", timeout=30)
        assert down.status_code in (500, 503)
        assert "系统" in down.text and "请稍后重试" in down.text
        assert "Traceback" not in down.text and "OperationalError" not in down.text
    finally:
        cluster.start()

    statuses = [s.get(url + "/", timeout=30).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert MARK in s.get(page_url, timeout=10).text
    # the session (a committed row) survived too: no new login needed, and writes work again
    save_section(s, page_url, "重启后再次保存" + MARK)
    assert "重启后再次保存" in s.get(page_url, timeout=10).text
