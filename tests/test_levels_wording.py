"""Every level speaks its own name (issue 18 §7): every page a user of the 鄂尔多斯 city call
can reach (applicant, 旗区 recommender, reviewer_ordos, the bureau's administrator) contains no
regional wording, and every page of the regional/national call's users contains no city wording.

The pages are found as a person finds them: from the home page, every same-site link the page
shows (GET only), breadth first, on the seeded demo."""

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from calls.choices import CallLevel
from calls.models import Call
from calls.wording import budget_sources, funding_sources, subsidy_sources, wording
from orgs.models import Organisation
from orgs.roles import Role
from orgs.services import grant_membership

pytestmark = pytest.mark.django_db

# Wording of the region that must never appear on a page of the city call …
REGIONAL = ("报送自治区", "自治区人力资源社会保障厅", "自治区复审", "105号", "中央财政补助",
            "地方财政配套", "自治区已", "联系自治区")
# … and the city's on a page of the regional call.
CITY = ("报送市人社局", "市级复审", "市人才专项资金", "市人社局已", "联系市人力资源社会保障局",
        "鄂人社发〔2022〕100号")

SKIP = re.compile(r"^/(logout|admin|public|static|media|notifications/read)|/(download|file|scan|"
                  r"export|pdf|xlsx|zip)(/|$)|\.(pdf|xlsx|zip|png|jpg|css|js)$")
HREF = re.compile(r'href="(/[^"]*)"')
MAX_PAGES = 160


def crawl(client: Client) -> dict[str, str]:
    """Every page reachable from / by same-site links: path → the page's text."""
    seen, pages, todo = {"/"}, {}, deque(["/"])
    while todo and len(pages) < MAX_PAGES:
        path = todo.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[path] = html
        for href in HREF.findall(html):
            link = urldefrag(href.replace("&amp;", "&"))[0]
            if link and link not in seen and not SKIP.search(urlparse(link).path):
                seen.add(link)
                todo.append(link)
    return pages


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    html = re.sub(r'<footer class="footer">.*?</footer>', "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def found(pages: dict[str, str], phrases) -> list[str]:
    return [f"{path}: {p}" for path, html in pages.items() for p in phrases
            if p in visible_text(html)]


@pytest.fixture
def demo(settings, django_db_blocker):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    User = get_user_model()
    bureau = Organisation.objects.get(name="鄂尔多斯市人力资源和社会保障局")
    admin_ordos, _ = User.objects.get_or_create(username="admin_ordos")
    grant_membership(user=admin_ordos, organisation=bureau, role=Role.ADMIN)
    return User.objects


def client_for(users, username) -> Client:
    client = Client()
    client.force_login(users.get(username=username))
    return client


CITY_USERS = ("app_dongsheng1", "app_energy1", "rec_dongsheng", "rec_ordos_energy",
              "reviewer_ordos", "admin_ordos")
REGION_USERS = ("app_baotou1", "app_tongliao1", "rec_baotou", "rec_jiaotong", "reviewer",
                "admin")


def test_city_call_pages_speak_as_the_city(demo):
    wrong, opened = [], 0
    for username in CITY_USERS:
        pages = crawl(client_for(demo, username))
        opened += len(pages)
        wrong += [f"{username} {w}" for w in found(pages, REGIONAL)]
    assert opened > 40
    assert wrong == [], "\n".join(wrong)
    # …and names itself: the recommender's pages say 报送市人社局, the contact page cites 100号
    text = "".join(visible_text(h) for h in crawl(client_for(demo, "rec_dongsheng")).values())
    assert "报送市人社局" in text and "100号 四(一)" in text
    # a ban cites its own call's notice
    bans = visible_text(crawl(client_for(demo, "reviewer_ordos"))["/projects/bans/"])
    assert "鄂人社发〔2022〕100号 七(二)" in bans and "105号" not in bans
    city = wording(Call.objects.get(level=CallLevel.CITY))
    assert (city.submit_to, city.review, city.contact_us) == (
        "报送市人社局", "市级复审", "如确需延期，请联系市人力资源社会保障局。")
    assert city.cite("quota") == "鄂人社发〔2022〕100号 四(三)"
    assert city.issuer == "鄂尔多斯市人力资源和社会保障局"


# 禁止申报名单 lists the bans of every issuer's calls, each row citing its own call's notice.
ALL_LEVELS = {"/projects/bans/"}


def test_regional_call_pages_speak_as_the_region(demo):
    wrong, opened = [], 0
    for username in REGION_USERS:
        pages = {p: h for p, h in crawl(client_for(demo, username)).items() if p not in ALL_LEVELS}
        opened += len(pages)
        wrong += [f"{username} {w}" for w in found(pages, CITY)]
    assert opened > 40
    assert wrong == [], "\n".join(wrong)
    text = "".join(visible_text(h) for h in crawl(client_for(demo, "rec_baotou")).values())
    assert "报送自治区" in text and "105号 五(三)" in text
    region = wording(Call.objects.get(doc_number="内人社办发〔2025〕105号"))
    assert (region.submit_to, region.review, region.contact_us) == (
        "报送自治区", "自治区复审", "如确需延期，请联系自治区人力资源社会保障厅。")
    assert region.cite("quota") == "内人社办发〔2025〕105号 三"


def test_funding_sources_by_level():
    national = funding_sources(CallLevel.NATIONAL)
    assert [label for _k, label in national["subsidy"]] == ["中央财政补助资金（就业补助资金）"]
    assert "市人才专项资金" not in str(national)
    assert [label for _k, label in subsidy_sources(CallLevel.CITY)] == ["就业补助资金",
                                                                         "市人才专项资金"]
    assert "中央财政补助" not in str(budget_sources(CallLevel.CITY))
    # the stored keys are the same at every level; only the names differ
    assert [k for k, _l in budget_sources(CallLevel.CITY)] == [
        k for k, _l in budget_sources(CallLevel.REGIONAL)]
