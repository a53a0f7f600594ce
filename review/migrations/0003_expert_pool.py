"""专家库 per issuing organisation: every expert belongs to the pool of one issuer. Existing
experts go to the region's pool (the only pool before), or, where there is no region record,
to the top organisation above the expert's own unit."""

import django.db.models.deletion
from django.db import migrations, models


def fill_pool(apps, schema_editor):
    Expert = apps.get_model("review", "Expert")
    Organisation = apps.get_model("orgs", "Organisation")
    region = Organisation.objects.filter(kind="region").order_by("pk").first()
    for expert in Expert.objects.select_related("organisation"):
        pool = region
        if pool is None:
            pool = expert.organisation
            while pool.parent_id is not None:
                pool = Organisation.objects.get(pk=pool.parent_id)
        Expert.objects.filter(pk=expert.pk).update(pool=pool)
    HistoricalExpert = apps.get_model("review", "HistoricalExpert")
    for row in HistoricalExpert.objects.filter(pool__isnull=True):
        current = Expert.objects.filter(pk=row.id).values_list("pool_id", flat=True).first()
        HistoricalExpert.objects.filter(pk=row.pk).update(pool_id=current or (region and region.pk))


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0003_accountstate_totp"),
        ("review", "0002_filing_job"),
    ]

    operations = [
        migrations.AddField(
            model_name="expert",
            name="pool",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="expert_pool", to="orgs.organisation", verbose_name="所属专家库"),
        ),
        migrations.AddField(
            model_name="historicalexpert",
            name="pool",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True,
                help_text="建立和使用该专家库的发文单位（如自治区人社厅、鄂尔多斯市人社局）；"
                          "只有该单位的审核人员和管理员可以查看、维护和抽取。",
                on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                to="orgs.organisation", verbose_name="所属专家库"),
        ),
        migrations.RunPython(fill_pool, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="expert",
            name="pool",
            field=models.ForeignKey(
                help_text="建立和使用该专家库的发文单位（如自治区人社厅、鄂尔多斯市人社局）；"
                          "只有该单位的审核人员和管理员可以查看、维护和抽取。",
                on_delete=django.db.models.deletion.PROTECT, related_name="expert_pool",
                to="orgs.organisation", verbose_name="所属专家库"),
        ),
    ]
