"""Contribution notes belong to a submitted version and are kept as history; a published
review reopened for a regrade keeps what it was as a revision."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def notes_belong_to_the_latest_version(apps, schema_editor):
    """Notes written before windows existed go with the route's latest submitted version."""
    PeerAssessment = apps.get_model("assessments", "PeerAssessment")
    Version = apps.get_model("assessments", "RouteDesignVersion")
    for note in PeerAssessment.objects.filter(version=None).iterator():
        note.version = (
            Version.objects.filter(design_id=note.design_id, submitted_at__isnull=False)
            .order_by("-number")
            .first()
        )
        if note.version is not None:
            note.save(update_fields=["version"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0011_stop_identity"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField()),
                ("comment", models.TextField(blank=True)),
                (
                    "decision",
                    models.CharField(
                        blank=True,
                        choices=[("return", "вернуть на доработку"), ("accept", "принять")],
                        max_length=10,
                    ),
                ),
                ("score", models.DecimalField(decimal_places=1, max_digits=4, null=True)),
                ("rubric_fingerprint", models.CharField(blank=True, max_length=40)),
                ("scores", models.JSONField(default=list)),
                ("published_at", models.DateTimeField(null=True)),
                ("reopened_at", models.DateTimeField()),
                ("reason", models.TextField()),
            ],
            options={
                "ordering": ["number"],
            },
        ),
        migrations.AlterModelOptions(
            name="peerassessment",
            options={"ordering": ["at", "id"]},
        ),
        migrations.RemoveConstraint(
            model_name="peerassessment",
            name="one_peer_note_per_pair",
        ),
        migrations.RenameField(model_name="peerassessment", old_name="updated_at", new_name="at"),
        migrations.AlterField(
            model_name="peerassessment",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="peerassessment",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="peer_notes",
                to="assessments.routedesignversion",
            ),
        ),
        migrations.RunPython(notes_belong_to_the_latest_version, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="peerassessment",
            index=models.Index(
                fields=["version", "author", "about"], name="assessments_version_2a3943_idx"
            ),
        ),
        migrations.AddField(
            model_name="reviewrevision",
            name="reopened_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="reviewrevision",
            name="review",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="revisions",
                to="assessments.review",
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewrevision",
            constraint=models.UniqueConstraint(
                fields=("review", "number"), name="one_revision_number"
            ),
        ),
    ]
