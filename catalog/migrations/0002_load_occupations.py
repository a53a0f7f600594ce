from django.db import migrations


def load(apps, schema_editor):
    from catalog.loader import load_occupations

    load_occupations(apps.get_model("catalog", "Occupation"))


def unload(apps, schema_editor):
    apps.get_model("catalog", "Occupation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
