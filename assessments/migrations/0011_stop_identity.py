"""Stops get an identity that lasts across versions, so the diff matches stops by it and
feedback threads stay on their stop. Existing stops of one route share a key where they are
the same place (the n-th visit of an enterprise or named place), since nothing better is
known about them."""

import uuid
from collections import Counter

from django.db import migrations, models


def give_keys(apps, schema_editor):
    RouteStop = apps.get_model("assessments", "RouteStop")
    stops = RouteStop.objects.select_related("version").order_by(
        "version__design_id", "version__number", "position"
    )
    seen: dict[tuple, Counter] = {}
    changed = []
    for stop in stops.iterator(chunk_size=2000):
        version = (stop.version.design_id, stop.version_id)
        counts = seen.setdefault(version, Counter())
        place = stop.enterprise_id or stop.place_name.strip().lower()
        counts[place] += 1
        name = f"{stop.version.design_id}:{place}:{counts[place]}"
        stop.key = uuid.uuid5(uuid.NAMESPACE_URL, f"promtourism:route-stop:{name}")
        changed.append(stop)
        if len(changed) >= 2000:
            RouteStop.objects.bulk_update(changed, ["key"])
            changed = []
    RouteStop.objects.bulk_update(changed, ["key"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0010_quiz_explanations_and_extra_attempts")]

    operations = [
        migrations.AddField(
            model_name="routestop", name="key", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="routestop",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
    ]
