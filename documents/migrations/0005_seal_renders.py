"""Renderings stored before issue 14 §5 (附件3/4 and 合订本 with the full 身份证号 and 手机,
附件2 with the contact's mobile) are sealed in place (core.sealed), like every new one. Safe to
run again; going back decrypts them."""

from django.db import migrations

from core.sealed import sealing


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0004_renderjob_plaque"),
    ]

    operations = [sealing("documents.RenderJob", "file")]
