"""Two issuers, neither sees the other's (issue 13, the leak of "who may see an application").

The region (自治区人社厅: rita reviewer, adam administrator, eve expert) and a city bureau with its
own call (丙市人社局, like 鄂尔多斯市: olga reviewer, oscar administrator, ezra expert) each have a
submitted studio application with its 身份证号 and ID-card scan, a version, the recommender's
package, render jobs (附件4, the recommender's 附件2, the call's summary), an expert of their own
专家库 on a scoring panel, and a project. For every page and download of one issuer's objects:
that issuer's reviewer and administrator get it (so a test cannot pass by refusing everyone);
the other issuer's reviewer, administrator and expert get 404/403, and a refused POST changes
nothing stored.
"""

import subprocess
import uuid
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from calls.choices import CallLevel, ProjectKind
from documents.models import RenderJob
from documents.services import run_render_job
from orgs.models import OrgKind
from orgs.roles import Role
from review.models import Expert

from .factories import (
    CallFactory,
    OrganisationFactory,
    QuotaFactory,
    RecommenderFactory,
    city_bureau,
    city_call,
    county_of,
    member,
)
from .matrix.runner import outcome, send
from .matrix.world_issuer import ID_NUMBER, build_side

pytestmark = pytest.mark.django_db

STAFF = ("reviewer", "admin")
INTRUDERS = ("reviewer", "admin", "expert")


def _side(*, issuer, call, project_call, recommender, unit, staff, prefix):
    """One issuer's objects and its people (staff: role key → username)."""
    where = {"applicant": (unit, Role.APPLICANT), "rec": (recommender, Role.RECOMMENDER),
             "reviewer": (issuer, Role.REVIEWER), "admin": (issuer, Role.ADMIN),
             "expert": (issuer, Role.EXPERT)}
    people = {key: member(staff[key], *where[key]) for key in where}
    s = build_side(call=call, project_call=project_call, recommender=recommender, unit=unit,
                   applicant=people["applicant"], rec_user=people["rec"],
                   reviewer=people["reviewer"], expert_user=people["expert"], prefix=prefix)
    s.issuer, s.users = issuer, {k: people[k] for k in INTRUDERS}
    s.clients = {}
    for role, user in s.users.items():
        s.clients[role] = Client(raise_request_exception=False)
        s.clients[role].force_login(user)
    return s


def _build() -> SimpleNamespace:
    region = OrganisationFactory(kind=OrgKind.REGION, name="测试自治区人力资源和社会保障厅",
                                 short_name="自治区人社厅", credit_code="")
    rec = RecommenderFactory(parent=region, short_name="甲市", name="甲市人力资源和社会保障局")
    call = CallFactory(issuer=region)
    call.recommenders.add(rec)
    for kind in ProjectKind.values:
        QuotaFactory(call=call, recommender=rec, kind=kind, amount=2)
    region_projects = CallFactory(issuer=region, level=CallLevel.CITY, title="自治区市级批次",
                                  subsidy_base=Decimal("20.00"), subsidy_studio=Decimal("5.00"))
    r = _side(issuer=region, call=call, project_call=region_projects, recommender=rec,
              unit=OrganisationFactory(parent=rec, name="甲市第一技师学院", short_name="甲技师"),
              staff={"applicant": "alice", "rec": "rex", "reviewer": "rita", "admin": "adam",
                     "expert": "eve"}, prefix="rx")
    r.users["admin"].is_superuser = True   # as the suite's adam (conftest)
    r.users["admin"].save()
    bureau = city_bureau(region)
    county = county_of(bureau)
    bureau_call = city_call(bureau, county)
    b = _side(issuer=bureau, call=bureau_call, project_call=bureau_call, recommender=county,
              unit=OrganisationFactory(parent=county, name="丙市煤化工职业技术学校",
                                       short_name="丙煤化工"),
              staff={"applicant": "carol", "rec": "cyrus", "reviewer": "olga", "admin": "oscar",
                     "expert": "ezra"}, prefix="bx")
    return SimpleNamespace(region=r, bureau=b)


@pytest.fixture(scope="module")
def issuers(django_db_setup, django_db_blocker, tmp_path_factory):
    """Both issuers, built once for the module inside a transaction rolled back at its end
    (each test runs in a savepoint inside it). The module keeps the suite's fast settings
    (conftest._fast_settings) for its whole life, its files in one directory."""
    private = tmp_path_factory.mktemp("private")
    fast = override_settings(
        CACHES={alias: {**conf, "KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}"}
                for alias, conf in settings.CACHES.items()},
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        PRIVATE_MEDIA_ROOT=private,
        STORAGES={**settings.STORAGES, "default": {
            "BACKEND": "core.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(private)}}})
    with fast, django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fast_settings():
    """Replaces conftest's per-test settings: `issuers` set them for the whole module (the files
    it stored must stay where it stored them)."""


def crossings(issuers):
    """(side whose objects are requested, the other side)."""
    return ((issuers.region, issuers.bureau), (issuers.bureau, issuers.region))


def check(issuers, url, *, method="get", data=None, owners=STAFF):
    """url(side) → path; data(side, other) → POST data. The side's `owners` are let in; the
    other side's reviewer, administrator and expert are refused and change nothing."""
    wrong = []
    for side, other in crossings(issuers):
        path = url(side)
        payload = data(side, other) if callable(data) else (data or {})
        for role in owners:
            response, _ = send(side.clients[role], method, path, payload, watch=False)
            if outcome(response) != "allowed":
                wrong.append(f"{side.users[role]} (own {role}) {method.upper()} {path}: "
                             f"{response.status_code}, should be let in")
        for role in INTRUDERS:
            response, changed = send(other.clients[role], method, path, payload,
                                     watch=method == "post")
            if outcome(response) != "denied":
                wrong.append(f"{other.users[role]} (other issuer's {role}) {method.upper()} "
                             f"{path}: {response.status_code}, should be 404/403")
            elif changed:
                wrong.append(f"{other.users[role]} {method.upper()} {path}: refused, but stored "
                             "data changed")
    assert not wrong, "\n".join(wrong)


def at(name, *args):
    """A path builder: reverse(name) with side-dependent arguments (callables of the side)."""
    return lambda s: reverse(name, args=[a(s) if callable(a) else a for a in args])


def app(s):
    return s.app.pk


def test_timeline_of_another_issuers_application_is_404(issuers):
    check(issuers, at("declare:timeline", app))


def test_versions_of_another_issuers_application_are_404(issuers):
    check(issuers, at("declare:versions", app))
    check(issuers, at("declare:version", app, lambda s: s.snapshot.version))


def test_materials_page_of_another_issuers_application_is_404(issuers):
    check(issuers, at("declare:materials", app))


def test_id_card_scan_of_another_issuers_application_is_404(issuers):
    check(issuers, at("declare:material_download", app, lambda s: s.material.pk))


def test_precheck_of_another_issuers_application_is_404(issuers):
    check(issuers, at("declare:precheck", app))


def test_documents_page_of_another_issuers_application_is_404_and_renders_nothing(issuers):
    check(issuers, at("documents:application", app))
    jobs = RenderJob.objects.count()
    check(issuers, at("documents:application", app), method="post", data={"kind": "bundle"})
    assert RenderJob.objects.count() == jobs


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def check_rendered(issuers, job, pages=("documents:job", "documents:download")):
    """Render each side's job(side) as the worker would, then check its pages."""
    for side, _ in crossings(issuers):
        run_render_job(job(side).pk)
    for name in pages:
        check(issuers, at(name, lambda s: job(s).pk))


def test_form_pdf_with_the_full_id_number_is_404_to_the_other_issuer(issuers, tmp_path):
    check_rendered(issuers, lambda s: s.job_app,
                   ("documents:job", "documents:progress", "documents:download"))
    for side, _ in crossings(issuers):   # what the other issuer was kept from: the full number
        response = side.clients["reviewer"].get(reverse("documents:download",
                                                        args=[side.job_app.pk]))
        assert ID_NUMBER in pdf_text(b"".join(response.streaming_content), tmp_path)


def summary_of(recommender):
    return lambda s, other: {"kind": "studio", "fmt": "xlsx",
                             "recommender": recommender(s).pk if recommender(s) else ""}


def test_another_issuers_recommenders_annex2_cannot_be_exported(issuers):
    jobs = RenderJob.objects.count()
    check(issuers, at("documents:summary", lambda s: s.call.pk), method="post",
          data=summary_of(lambda s: s.recommender))
    # nor through one's own call with the other issuer's recommender
    for side, other in crossings(issuers):
        for role in STAFF:
            r = side.clients[role].post(reverse("documents:summary", args=[side.call.pk]),
                                        {"kind": "studio", "fmt": "xlsx",
                                         "recommender": other.recommender.pk})
            assert r.status_code == 404, (side.users[role], r.status_code)
    assert RenderJob.objects.count() == jobs
    check_rendered(issuers, lambda s: s.job_summary)


def test_another_issuers_region_summary_cannot_be_exported(issuers):
    jobs = RenderJob.objects.count()
    check(issuers, at("documents:summary", lambda s: s.call.pk), method="post",
          data=summary_of(lambda s: None))
    assert RenderJob.objects.count() == jobs
    check_rendered(issuers, lambda s: s.job_region)


def test_region_pages_of_another_issuers_call_are_404(issuers):
    """The issuer's reviewer and administrator read the region pages; only the reviewer acts."""
    call, rec = (lambda s: s.call.pk), (lambda s: s.recommender.pk)
    for page in (at("quotas:region", call), at("quotas:region_contacts", call),
                 at("quotas:region_package", call, rec),
                 at("quotas:region_scan", call, rec, lambda s: s.package.report.scans.first().pk)):
        check(issuers, page)
    check(issuers, at("quotas:extend", call, rec), method="post", owners=("reviewer",))


def test_another_issuers_review_exports_are_404(issuers):
    for what in ("scores", "contacts", "objections", "defence"):
        check(issuers, at("review:export", lambda s: s.call.pk, what))


def test_expert_list_shows_only_the_experts_of_ones_own_pool(issuers):
    wrong = []
    for side, other in crossings(issuers):
        for role in STAFF:
            page = side.clients[role].get(reverse("review:experts"))
            text = page.content.decode()
            if page.status_code != 200 or side.expert.name not in text:
                wrong.append(f"{side.users[role]}: own pool's {side.expert.name} not listed")
            if other.expert.name in text:
                wrong.append(f"{side.users[role]}: lists {other.expert.name} of the other pool")
    assert not wrong, "\n".join(wrong)


def test_another_pools_expert_can_be_neither_read_nor_edited(issuers):
    check(issuers, at("review:expert_edit", lambda s: s.expert.pk))
    before = {e.pk: (e.name, e.pool_id, e.post, e.is_active, e.mobile_encrypted)
              for e in Expert.objects.all()}
    history = Expert.history.count()

    def takeover(side, other):
        """The other issuer tries to rename the expert and move it into its own pool."""
        return {"pool": other.issuer.pk, "name": "被改名的专家", "organisation": other.issuer.pk,
                "post": "已被他人修改", "mobile": "13900000000", "occupation_codes": "",
                "is_active": ""}

    check(issuers, at("review:expert_edit", lambda s: s.expert.pk), method="post",
          data=takeover)
    assert {e.pk: (e.name, e.pool_id, e.post, e.is_active, e.mobile_encrypted)
            for e in Expert.objects.all()} == before
    assert Expert.history.count() == history


def test_review_index_lists_only_ones_own_calls(issuers):
    for side, other in crossings(issuers):
        for role in STAFF:
            page = side.clients[role].get(reverse("review:index"))
            assert page.status_code == 200
            text = page.content.decode()
            assert reverse("review:call", args=[side.call.pk]) in text
            assert reverse("review:call", args=[other.call.pk]) not in text, side.users[role]


def test_review_call_pages_of_another_issuer_are_404(issuers):
    call = lambda s: s.call.pk  # noqa: E731
    for page in (at("review:call", call), at("review:receipt", call), at("review:stats", call),
                 at("review:panels", call), at("review:rubric", call, "base"),
                 at("review:decision", call, "base")):
        check(issuers, page)
    check(issuers, at("review:panel_create", call, "studio"), method="post")
    check(issuers, at("review:receipt_return", call, lambda s: s.recommender.pk),
          method="post", data={"reasons": "材料不全"}, owners=())


def test_panels_of_another_issuer_are_404(issuers):
    panel = lambda s: s.panel.pk  # noqa: E731
    for page in (at("review:panel", panel), at("review:progress", panel),
                 at("review:defence", panel)):
        check(issuers, page)
    for name in ("review:panel", "review:panel_auto", "review:panel_close"):
        check(issuers, at(name, panel), method="post", owners=())
    check(issuers, at("review:panel_toggle", panel), method="post", owners=(),
          data=lambda s, o: {"application": s.assignment.application_id,
                             "expert": s.expert.pk, "op": "remove"})
    # the expert's own task: only the assigned expert of that issuer's panel
    check(issuers, at("review:sheet", lambda s: s.assignment.pk), owners=("expert",))


def test_projects_of_another_issuer_are_404(issuers):
    project = lambda s: s.project.pk  # noqa: E731
    for name in ("projects:detail", "projects:spending", "projects:evaluate",
                 "projects:release", "projects:revoke"):
        check(issuers, at(name, project))
    check(issuers, at("projects:evaluate", project), method="post", owners=(),
          data={"kind": "inspection", "findings": "越权检查", "grade": "good",
                "evaluated_on": "2025-05-01"})
    check(issuers, at("projects:revoke", project), method="post", owners=(),
          data={"reason": "越权撤销"})
