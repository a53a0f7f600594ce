"""Filing becomes a background job (building / done / failed); filings made before, in the
request, were complete, so they are marked done at 100 %."""

from django.conf import settings
from django.db import migrations, models


def existing_filings_are_done(apps, schema_editor):
    Filing = apps.get_model("review", "Filing")
    Filing.objects.update(status="done", progress=100, finished_at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('calls', '0002_call_extended_deadline_and_more'),
        ('review', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='filing',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='尝试次数'),
        ),
        migrations.AddField(
            model_name='filing',
            name='enqueued_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='入队时间'),
        ),
        migrations.AddField(
            model_name='filing',
            name='error',
            field=models.CharField(blank=True, max_length=300, verbose_name='错误信息'),
        ),
        migrations.AddField(
            model_name='filing',
            name='finished_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='完成时间'),
        ),
        migrations.AddField(
            model_name='filing',
            name='progress',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='进度'),
        ),
        migrations.AddField(
            model_name='filing',
            name='started_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='开始生成时间'),
        ),
        migrations.AddField(
            model_name='filing',
            name='status',
            field=models.CharField(choices=[('building', '材料包生成中'), ('done', '已备案'), ('failed', '生成失败')], default='building', max_length=10, verbose_name='状态'),
        ),
        migrations.RunPython(existing_filings_are_done, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='filing',
            name='archive',
            field=models.FileField(blank=True, upload_to='review/filing/', verbose_name='备案材料包'),
        ),
        migrations.AlterField(
            model_name='filing',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='申请时间'),
        ),
        migrations.AlterField(
            model_name='filing',
            name='manifest',
            field=models.JSONField(blank=True, default=list, verbose_name='文件清单'),
        ),
        migrations.AlterField(
            model_name='filing',
            name='sha256',
            field=models.CharField(blank=True, max_length=64, verbose_name='SHA-256'),
        ),
        migrations.AddConstraint(
            model_name='filing',
            constraint=models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='filing_progress_max_100'),
        ),
    ]
