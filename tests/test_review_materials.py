"""105号 四(三) and issue 8 §5: an expert reads the uploaded 申报材料 of the applications
assigned to them, and of no other."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from declare.models import Material

from .review_support import admit_all, assignments, expert_pool, forwarded, scoring_panel
from .test_uploads_samples import pdf_bytes

pytestmark = pytest.mark.django_db


def _material(app, title, item="evidence"):
    data = pdf_bytes()
    m = Material(application=app, item=item, title=title, content_type="application/pdf",
                 size=len(data), sha256=hashlib.sha256(data).hexdigest())
    m.file.save(f"{title}.pdf", ContentFile(data), save=True)
    return m, data


@pytest.fixture
def world(call, unit_a, unit_y, recommender_x, recommender_y, region, rita):
    a, y = forwarded(call, unit_a), forwarded(call, unit_y)
    admit_all(call, rita, [recommender_x, recommender_y])
    pool = expert_pool(region, 5)
    panel = scoring_panel(call, rita, pool[:5], per_application=None)
    return {"a": a, "y": y, "panel": panel, "rows": assignments(panel)}


def _task(world, app, index=0):
    return [r for r in world["rows"] if r.application_id == app.id][index]


def test_assigned_expert_sees_the_list_and_downloads_the_file(client, world):
    material, data = _material(world["a"], "营业执照")
    task = _task(world, world["a"])
    client.force_login(task.expert.user)
    page = client.get(reverse("review:sheet", args=[task.pk])).content.decode()
    url = reverse("review:sheet_material", args=[task.pk, material.pk])
    assert f'<a href="{url}">营业执照</a>' in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Disposition"].startswith("attachment")


def test_material_of_another_application_is_not_found_through_ones_task(client, world):
    other, _ = _material(world["y"], "乙单位执照")
    task = _task(world, world["a"])
    client.force_login(task.expert.user)
    response = client.get(reverse("review:sheet_material", args=[task.pk, other.pk]))
    assert response.status_code == 404


def test_another_experts_task_is_not_found(client, world):
    material, _ = _material(world["a"], "营业执照")
    mine, theirs = _task(world, world["a"], 0), _task(world, world["a"], 1)
    client.force_login(theirs.expert.user)
    response = client.get(reverse("review:sheet_material", args=[mine.pk, material.pk]))
    assert response.status_code == 404


def test_removed_material_is_neither_listed_nor_served(client, world):
    material, _ = _material(world["a"], "旧执照")
    Material.objects.filter(pk=material.pk).update(removed_at=timezone.now())
    task = _task(world, world["a"])
    client.force_login(task.expert.user)
    page = client.get(reverse("review:sheet", args=[task.pk])).content.decode()
    assert "旧执照" not in page and "申报单位未上传附件材料。" in page
    response = client.get(reverse("review:sheet_material", args=[task.pk, material.pk]))
    assert response.status_code == 404


def test_files_of_one_item_are_listed_in_one_line_and_titles_are_escaped(client, world):
    first, _ = _material(world["a"], "营业执照")
    second, _ = _material(world["a"], "<b>章程</b>")
    task = _task(world, world["a"])
    client.force_login(task.expert.user)
    page = client.get(reverse("review:sheet", args=[task.pk])).content.decode()
    links = [f'<a href="{reverse("review:sheet_material", args=[task.pk, m.pk])}">{title}</a>'
             for m, title in ((first, "营业执照"), (second, "&lt;b&gt;章程&lt;/b&gt;"))]
    assert f"：{links[0]}、{links[1]}</li></ul>\n    </div>" in page
