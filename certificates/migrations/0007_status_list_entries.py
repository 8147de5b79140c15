"""Issue 18: each certificate's bit in a revocation status list, drawn at random; one valid
certificate per person and cohort (a revoked one no longer blocks issuing again)."""

import secrets

from django.conf import settings
from django.db import migrations, models


def backfill(apps, schema_editor):
    """Existing certificates, oldest first, fill lists in random order (as new ones do)."""
    Certificate = apps.get_model("certificates", "Certificate")
    size = settings.CERTIFICATE_STATUS_LIST_SIZE
    rng = secrets.SystemRandom()
    ids = list(Certificate.objects.order_by("pk").values_list("pk", flat=True))
    for number, start in enumerate(range(0, len(ids), size), start=1):
        chunk = ids[start : start + size]
        indexes = rng.sample(range(size), len(chunk))
        rows = [
            Certificate(pk=pk, status_list=number, status_index=index)
            for pk, index in zip(chunk, indexes, strict=True)
        ]
        Certificate.objects.bulk_update(rows, ["status_list", "status_index"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0006_template_city_seal"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="status_list",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="список статусов"
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="status_index",
            field=models.PositiveIntegerField(
                editable=False, null=True, verbose_name="индекс в списке статусов"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="status_list",
            field=models.PositiveIntegerField(editable=False, verbose_name="список статусов"),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="status_index",
            field=models.PositiveIntegerField(
                editable=False, verbose_name="индекс в списке статусов"
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                fields=("status_list", "status_index"), name="one_certificate_per_status_bit"
            ),
        ),
        migrations.RemoveConstraint(
            model_name="certificate",
            name="one_current_certificate_per_cohort",
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "valid")),
                fields=("holder", "cohort"),
                name="one_valid_certificate_per_cohort",
            ),
        ),
    ]
