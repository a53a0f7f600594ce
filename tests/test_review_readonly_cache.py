"""The expert's read-only application is cached per submitted version (issue 7): the same
version is served from the cache, a new version is rendered afresh."""

import pytest

from declare.models import Section
from declare.schema import sections_for
from review.content import read_only_html

from .review_support import forwarded

pytestmark = pytest.mark.django_db


def _first_text_field(app):
    for spec in sections_for(app.kind, 1):
        for field in spec.fields():
            if field.type in ("text", "textarea") and not field.pii:
                return spec.key, field.key
    raise AssertionError("no text field in the schema")


def test_a_new_submitted_version_is_rendered_afresh(call, unit_a, eve):
    app = forwarded(call, unit_a)
    section_key, field_key = _first_text_field(app)
    section = Section.objects.create(application=app, key=section_key, data={field_key: "甲版本内容"})
    assert "甲版本内容" in read_only_html(app, viewer=eve)

    section.data = {field_key: "乙版本内容"}
    section.save()
    assert "甲版本内容" in read_only_html(app, viewer=eve)  # same version: from the cache

    app.submitted_version += 1  # returned, changed and submitted again
    app.save()
    app.refresh_from_db()
    html = read_only_html(app, viewer=eve)
    assert "乙版本内容" in html and "甲版本内容" not in html
