# API tokens moved to reports (reports.0001 takes over the model); the table stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('lms', '0013_notification_moved_to_core'),
        ('reports', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ApiToken')],
            database_operations=[],
        ),
    ]
