"""`make run`'s database (SQLite, demo data, no Redis): each demo account logs in through the
real two-step login and follows the links of every page it reaches, breadth first, as a user
clicking. Prints one JSON line: per account, every page visited with its final status, and
whether the login worked; for an HTML page also its <title> and the 申报编号 it shows. Run by tests/test_make_run_sqlite.py in a process of its own
(DATABASE_URL=sqlite:///…, DJANGO_SETTINGS_MODULE=config.settings).

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=config.settings python tests/sqlite/walk.py [user …]
"""

import json
import re
import sys
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import django

django.setup()

import pyotp  # noqa: E402
from django.test import Client  # noqa: E402

from orgs.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET  # noqa: E402

USERS = ["app_baotou1", "app_jiaotong1", "rec_baotou", "rec_jiaotong", "reviewer", "admin",
         "expert1", "expert2", "expert3"]
DEPTH, PER_KIND, MAX_PAGES = 4, 3, 150
# not a page a click shows: leaving, Django's admin, files, prints and generated documents
SKIP = re.compile(r"logout|^/login|^/admin/|^/static/|^/media/|\.(pdf|xlsx|zip|png|jpg)$|/print|/pdf|"
                  r"/bundle|/plaque|/download|/export|/file/|/files/")
HREF = re.compile(r'href="([^"#][^"]*)"')
TITLE = re.compile(r"<title>\s*([^<]*?)\s*</title>")
REFERENCE = re.compile(r"\b20\d\d-(?:JD|GZ)-\d{4}\b")   # an application's 申报编号


def login(client: Client, username: str) -> bool:
    response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
    if response.status_code == 302 and "/login/otp/" in response["Location"]:
        response = client.post("/login/otp/", {"code": pyotp.TOTP(DEMO_TOTP_SECRET).now()})
    return response.status_code == 302 and "/login" not in response["Location"]


def kind(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def links(html: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        url, _ = urldefrag(unescape(href))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def walk(username: str) -> dict:
    client = Client()
    if not login(client, username):
        return {"login": False, "pages": {}}
    pages, kinds, queue = {}, {}, deque([("/", 0)])
    while queue and len(pages) < MAX_PAGES:
        url, depth = queue.popleft()
        path = urlsplit(url).path
        if url in pages or SKIP.search(path) or kinds.get(kind(path), 0) >= PER_KIND:
            continue
        kinds[kind(path)] = kinds.get(kind(path), 0) + 1
        response = client.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        pages[url] = {"status": response.status_code, "final": final}
        if "/login/" in final:
            pages[url]["status"] = "logged out"
            break
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        title = TITLE.search(html)
        pages[url].update(title=unescape(title.group(1)) if title else "",
                          references=sorted(set(REFERENCE.findall(html))))
        if depth < DEPTH and response.status_code == 200:
            queue.extend((link, depth + 1) for link in links(html))
    return {"login": True, "pages": pages}


if __name__ == "__main__":
    print(json.dumps({user: walk(user) for user in (sys.argv[1:] or USERS)}, ensure_ascii=False))
