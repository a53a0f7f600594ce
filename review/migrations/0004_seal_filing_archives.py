"""备案 zips built before issue 14 §5 (each project's 附件3/4 with the full 身份证号) are sealed
in place (core.sealed), like every new one. Safe to run again; going back decrypts them."""

from django.db import migrations

from core.sealed import sealing


class Migration(migrations.Migration):

    dependencies = [
        ("review", "0003_expert_pool"),
    ]

    operations = [sealing("review.Filing", "archive")]
