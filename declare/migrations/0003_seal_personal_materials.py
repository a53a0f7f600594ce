"""The files of the personal checklist items (declare.checklist `personal`: 领办人身份证,
certificates, the 技能人才工作网 query) uploaded before issue 14 §5 are sealed in place
(core.sealed), so every such file on disk has one format. Safe to run again; going back
decrypts them."""

from django.db import migrations

from core.sealed import sealing
from declare.checklist import PERSONAL_ITEMS


class Migration(migrations.Migration):

    dependencies = [
        ("declare", "0002_application_explanations_and_more"),
    ]

    operations = [sealing("declare.Material", "file", item__in=sorted(PERSONAL_ITEMS))]
