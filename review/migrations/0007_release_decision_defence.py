"""Decisions become drafts released with the 公示 (issue 18 §1); an optional 答辩成绩 (§10).

Decisions of calls whose 公示 is already published were released with it."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def released_with_their_notice(apps, schema_editor):
    Decision = apps.get_model("review", "Decision")
    PublicNotice = apps.get_model("review", "PublicNotice")
    published = PublicNotice.objects.filter(call=OuterRef("call")).values("published_at")[:1]
    Decision.objects.filter(call__public_notice__isnull=False).update(
        released_at=Subquery(published))


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0006_notifications_moved_c'),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='released_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='发布时间'),
        ),
        migrations.AddField(
            model_name='defenceslot',
            name='score',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True, verbose_name='答辩成绩'),
        ),
        migrations.RunPython(released_with_their_notice, migrations.RunPython.noop),
    ]
