"""Seal the 证明材料 of change requests stored before they were sealed at rest (a leader change
proves the new leader's certificate); unsealed going back."""

from django.db import migrations

from core.sealed import sealing


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [sealing("projects.ChangeRequest", "document")]
