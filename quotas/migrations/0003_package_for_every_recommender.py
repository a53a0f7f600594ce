"""A package for every (call, recommender) pair that has none yet: pages used to make them on
first view (a GET that wrote); from now on quotas.receivers makes them when a recommender is
added to a call."""

from django.db import migrations


def fill(apps, schema_editor):
    Call = apps.get_model("calls", "Call")
    Package = apps.get_model("quotas", "RecommendationPackage")
    for call in Call.objects.all():
        have = set(Package.objects.filter(call=call).values_list("recommender_id", flat=True))
        Package.objects.bulk_create([Package(call=call, recommender_id=pk)
                                     for pk in call.recommenders.values_list("pk", flat=True)
                                     if pk not in have])


class Migration(migrations.Migration):

    dependencies = [
        ("calls", "0002_call_extended_deadline_and_more"),
        ("quotas", "0002_recommendation_packages"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
