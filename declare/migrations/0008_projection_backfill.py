"""The typed figures of every application already stored (declare.projection.backfill);
undone by emptying them (the schema migration before this one drops the tables)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from declare.projection import backfill

    backfill(registry=apps)


def backwards(apps, schema_editor):
    for name in ("ApplicationFigures", "BudgetFigure", "TrainingFigure"):
        apps.get_model("declare", name).objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("declare", "0007_projection_figures"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
