"""One reading of an application (issue 13, 3): the applicant's submitted version, the
recommender's and the expert's read-only pages, the printed 附件4 and the 备案 package's copy
show a date, an occupation and a 身份证号 the same way — masked except for the viewers who may
read it in full — and the three pages show a ticked 承诺 the same way."""

import re
import subprocess

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditLog
from calls.choices import ProjectKind
from declare.models import Section
from declare.schema import section_spec
from declare.services.sections import decrypt_section, encrypt_section
from declare.services.snapshots import create_snapshot
from documents.producers import form_pdf
from documents.samples import fill_application
from orgs.roles import Role
from orgs.services import grant_membership
from review.services.filing_archive import project_pdf

from .factories import UserFactory, occupation
from .review_support import admit_all, assignments, expert_pool, forwarded, scoring_panel

pytestmark = pytest.mark.django_db

ID_NUMBER = "150102198001011234"
MASKED_ID = "150102********1234"
DATE = "2025年7月31日"          # stored 2025-07-31 (填报时间)
OCCUPATION = "焊工（6-18-02-04）"  # stored 6-18-02-04 (从事职业（工种）)
TICK = "已承诺"                 # 本单位承诺：近3年未受过刑事处罚和失信联合惩戒, ticked


def _put(app, key, **values):
    """Overwrite some fields of a stored section (personal fields encrypted as at rest)."""
    section = Section.objects.get(application=app, key=key)
    spec = section_spec(app.kind, key)
    section.data = encrypt_section(spec, {**decrypt_section(spec, section.data), **values})
    section.save()


def _submitted(app, code):
    fill_application(app, occupations=[occupation(code)])
    app.submitted_version = 1
    app.save()
    return app


@pytest.fixture
def world(call, unit_a, recommender_x, region, alice, rita):
    studio = _submitted(forwarded(call, unit_a, kind=ProjectKind.STUDIO, code="6-18-02-04"),
                        "6-18-02-04")
    _put(studio, "cover", filled_on="2025-07-31")
    _put(studio, "master", id_number=ID_NUMBER, occupation="6-18-02-04")
    base = _submitted(forwarded(call, unit_a), "6-18-01-01")
    _put(base, "eligibility", no_penalty=True)
    for app in (studio, base):
        create_snapshot(app, by=alice)
    admit_all(call, rita, [recommender_x])
    panels = {kind: scoring_panel(call, rita, expert_pool(region, 5, prefix=kind), kind=kind)
              for kind in (ProjectKind.STUDIO, ProjectKind.BASE)}
    return {"studio": studio, "base": base, "panels": panels}


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _pages(client, world, app, *, applicant, recommender, rec_org):
    """{reader: html} of the three web readers, each as the viewer it is made for."""
    task = next(a for a in assignments(world["panels"][app.kind]) if a.application_id == app.id)
    return {
        "applicant version": _page(client, applicant, reverse("declare:version", args=[app.pk, 1])),
        "recommender": _page(client, recommender,
                             reverse("quotas:application", args=[rec_org.pk, app.call_id, app.pk])),
        "expert": _page(client, task.expert.user, reverse("review:sheet", args=[task.pk])),
    }


def _cells(html: str, label: str) -> list[str]:
    """The value cells of the rows headed `label` on a read-only page."""
    return re.findall(rf"<th>{re.escape(label)}</th>\s*<td[^>]*>([^<]*)</td>", html)


def _pdf_text(data: bytes, tmp_path, name) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def test_every_reader_shows_the_same_date_occupation_and_id(client, world, alice, rex,
                                                            recommender_x, tmp_path):
    studio = world["studio"]
    pages = _pages(client, world, studio, applicant=alice, recommender=rex, rec_org=recommender_x)
    pages["recommender, version page"] = _page(client, rex,
                                               reverse("declare:version", args=[studio.pk, 1]))
    full = {"applicant version"}  # the unit itself; everyone else reads the number masked
    assert {reader: (_cells(html, "填 报 时 间"), _cells(html, "从事职业（工种）"),
                     _cells(html, "身份证号")) for reader, html in pages.items()} == {
        reader: ([DATE], [OCCUPATION], [ID_NUMBER if reader in full else MASKED_ID])
        for reader in pages}
    for reader, html in pages.items():
        assert (ID_NUMBER in html) == (reader in full), reader
    # the printed form and the filed copy: the same readings, the number in full
    for reader, data in (("附件4 PDF", form_pdf(studio)), ("备案 PDF", project_pdf(studio))):
        text = _pdf_text(data, tmp_path, "form")
        assert f"填报时间{DATE}" in text, reader
        assert f"从事职业（工种）{OCCUPATION}" in text, reader
        assert f"身份证号{ID_NUMBER}" in text, reader


def test_the_issuers_reviewer_reads_the_id_in_full_and_the_read_is_audited(client, world, rita,
                                                                           bureau):
    studio = world["studio"]
    olga = UserFactory(username="olga_reader")
    grant_membership(user=olga, organisation=bureau, role=Role.REVIEWER)
    url = reverse("declare:version", args=[studio.pk, 1])
    assert _cells(_page(client, rita, url), "身份证号") == [ID_NUMBER]
    logged = AuditLog.objects.filter(action=AuditAction.VIEW_PII, actor=rita)
    assert [e.detail["fields"] for e in logged] == [["unit.contact_mobile", "master.id_number",
                                                     "master.mobile"]]
    client.force_login(olga)  # a reviewer of another issuer: not even the page
    assert client.get(url).status_code == 404


def test_every_page_shows_a_ticked_declaration_the_same_way(client, world, alice, rex,
                                                            recommender_x):
    base = world["base"]
    pages = _pages(client, world, base, applicant=alice, recommender=rex, rec_org=recommender_x)
    label = "本单位承诺：近3年未受过刑事处罚和失信联合惩戒"
    assert {reader: _cells(html, label) for reader, html in pages.items()} == {
        reader: [TICK] for reader in pages}
    assert not any("已勾选承诺" in html for html in pages.values())
