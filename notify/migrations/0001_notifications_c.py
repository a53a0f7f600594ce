"""notify.Notification, the one home of 站内消息: created, then filled with review's rows
(review 0006 removes review.Notification). Backwards the rows go back to review's table
before this one is dropped, so nothing is lost either way."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


FIELDS = ("user_id", "title", "body", "link", "created_at", "read_at")


def _copy(source, target):
    old = list(source.objects.order_by("id"))
    rows = target.objects.bulk_create(
        [target(**{f: getattr(n, f) for f in FIELDS}) for n in old], batch_size=1000)
    for row, n in zip(rows, old):  # auto_now_add stamped "now": the original times back
        row.created_at = n.created_at
    target.objects.bulk_update(rows, ["created_at"], batch_size=1000)


def forwards(apps, schema_editor):
    _copy(apps.get_model("review", "Notification"), apps.get_model("notify", "Notification"))


def backwards(apps, schema_editor):
    _copy(apps.get_model("notify", "Notification"), apps.get_model("review", "Notification"))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("review", "0005_filing_heartbeat"),
    ]

    operations = [
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=120, verbose_name='标题')),
                ('body', models.TextField(verbose_name='内容')),
                ('link', models.CharField(blank=True, max_length=200, verbose_name='链接')),
                ('event', models.CharField(blank=True, max_length=40, verbose_name='事件')),
                ('key', models.CharField(blank=True, max_length=120, verbose_name='去重键')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='时间')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='已读时间')),
                ('email_to', models.EmailField(blank=True, max_length=254, verbose_name='邮件地址')),
                ('enqueued_at', models.DateTimeField(blank=True, null=True, verbose_name='邮件排队时间')),
                ('emailed_at', models.DateTimeField(blank=True, null=True, verbose_name='邮件发送时间')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='接收人')),
            ],
            options={
                'verbose_name': '消息通知',
                'verbose_name_plural': '消息通知',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['user', 'read_at'], name='notify_user_unread')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('user', 'key'), name='notify_once_per_key')],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
