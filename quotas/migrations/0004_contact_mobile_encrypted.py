"""The recommender contact's 手机 encrypted at rest (issue 14 §5), in the contact row and in
every row of its history: copied into mobile_encrypted through core.pii, then the plain column
dropped. Reversible: going back decrypts into the plain column again."""

from django.db import migrations, models

from core import pii

MODELS = ("ContactPerson", "HistoricalContactPerson")


def encrypt(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("quotas", name)
        for pk, mobile in model.objects.values_list("pk", "mobile"):
            model.objects.filter(pk=pk).update(mobile_encrypted=pii.encrypt(mobile))


def decrypt(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("quotas", name)
        for pk, stored in model.objects.values_list("pk", "mobile_encrypted"):
            model.objects.filter(pk=pk).update(mobile=pii.decrypt(stored)[:11])


class Migration(migrations.Migration):

    dependencies = [
        ("quotas", "0003_package_for_every_recommender"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactperson",
            name="mobile_encrypted",
            field=models.TextField(default="", verbose_name="手机（密文）"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcontactperson",
            name="mobile_encrypted",
            field=models.TextField(default="", verbose_name="手机（密文）"),
            preserve_default=False,
        ),
        migrations.RunPython(encrypt, decrypt),
        # a default for the plain column, so that going back can add it to existing rows
        migrations.AlterField(model_name="contactperson", name="mobile",
                              field=models.CharField(default="", max_length=11, verbose_name="手机")),
        migrations.AlterField(model_name="historicalcontactperson", name="mobile",
                              field=models.CharField(default="", max_length=11, verbose_name="手机")),
        migrations.RemoveField(model_name="contactperson", name="mobile"),
        migrations.RemoveField(model_name="historicalcontactperson", name="mobile"),
    ]
