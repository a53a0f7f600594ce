"""管理后台 speaks Chinese in its widgets too (Django 5.2's zh_Hans catalogue misses the chooser's
new strings; core/locale fills them)."""

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.factories import UserFactory

LOCALE = Path(__file__).resolve().parents[1] / "core" / "locale" / "zh_Hans" / "LC_MESSAGES"


@pytest.mark.django_db
def test_the_admin_widget_catalogue_has_no_english_left(client):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    body = client.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", body, re.S).group(1))
    assert catalog["Choose all %s"] == "全部选择%s"
    assert catalog["Remove all %s"] == "全部移除%s"
    assert "箭头按钮" in catalog['Choose %s by selecting them and then select the "Choose" arrow button.']


def test_the_compiled_catalogue_is_the_source(tmp_path):
    out = tmp_path / "djangojs.mo"
    subprocess.run(["msgfmt", "-o", str(out), str(LOCALE / "djangojs.po")], check=True)
    assert out.read_bytes() == (LOCALE / "djangojs.mo").read_bytes()
