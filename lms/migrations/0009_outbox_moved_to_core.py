# The outbox moved to core (core.0001_initial takes over the model); the table stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('lms', '0008_outbox'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='OutboxMessage')],
            database_operations=[],
        ),
    ]
