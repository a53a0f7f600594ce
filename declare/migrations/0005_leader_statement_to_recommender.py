"""推荐单位对领办人…贡献的说明 moves from the unit's 申报条件信息 to the recommender (issue 15 §7,
105号 二(二)): any text already typed is kept as the explanation of studio.leader_level, where
the recommender's page reads and edits it; backwards, it goes back into the section."""

from django.db import migrations

KEY, RULE = "local_explanation", "studio.leader_level"


def forwards(apps, schema_editor):
    Section = apps.get_model("declare", "Section")
    for section in Section.objects.filter(key="eligibility", data__has_key=KEY).select_related(
            "application"):
        text = (section.data.pop(KEY) or "").strip()
        app = section.application
        if text and not (app.explanations or {}).get(RULE):
            app.explanations = {**(app.explanations or {}), RULE: text}
            app.save(update_fields=["explanations"])
        section.save(update_fields=["data"])


def backwards(apps, schema_editor):
    Application = apps.get_model("declare", "Application")
    Section = apps.get_model("declare", "Section")
    for app in Application.objects.filter(explanations__has_key=RULE):
        section = Section.objects.filter(application=app, key="eligibility").first()
        if section is not None:
            section.data = {**(section.data or {}), KEY: app.explanations[RULE]}
            section.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("declare", "0004_section_pending_drafts")]
    operations = [migrations.RunPython(forwards, backwards)]
