"""Issue 18 §6: the public list of accepted projects (验收合格), without login; a notice that was
never published is not there."""

from datetime import date

import pytest

from projects.choices import ProjectStatus
from review.models import NoticeStatus, PublicNotice

pytest_plugins = ["tests.test_projects_support"]
pytestmark = pytest.mark.django_db


def test_accepted_projects_are_listed_for_anyone_and_others_are_not(client, base_project,
                                                                    studio_project):
    base_project.status, base_project.accepted_on = ProjectStatus.ACCEPTED, date(2026, 6, 30)
    base_project.plaque_number = "ORD-2026-001"
    base_project.save()
    page = client.get("/public/accepted/").content.decode()
    rows = page.split('id="accepted-projects"')[1]
    assert base_project.unit.name in rows and "2026年6月30日" in rows and "ORD-2026-001" in rows
    assert rows.count("<tr>") == 2   # the head and the one accepted project; the studio builds on
    assert studio_project.get_kind_display() not in rows.split("</thead>")[1]


def test_a_draft_notice_is_not_public(client, city_call, rita):
    draft = PublicNotice.objects.create(call=city_call, title="草拟的公示", body="……", contact="x",
                                        starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 7),
                                        status=NoticeStatus.DRAFT, published_by=rita)
    assert client.get(f"/public/notices/{draft.pk}/").status_code == 404
    assert "草拟的公示" not in client.get("/public/").content.decode()
