"""review.Notification moved to notify (its rows copied by notify 0001, which runs first)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0005_filing_heartbeat'),
        ('notify', '0001_notifications_c'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Notification',
        ),
    ]
