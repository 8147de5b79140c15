# Notifications moved to core (core.0002 takes over the model); the table stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('lms', '0012_consent'),
        ('core', '0002_notification_moved_from_lms'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Notification')],
            database_operations=[],
        ),
    ]
