from django.db import migrations

THEMES = [
    ("mining", "Добыча"),
    ("chemistry", "Химия"),
    ("metallurgy", "Металлургия"),
    ("petrochemistry", "Нефтехимия"),
    ("machine-building", "Машиностроение"),
    ("food", "Пищевая промышленность"),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("courses", "Theme")
    for slug, name in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("courses", "0003_theme_casestudypage_enterprises_and_more")]

    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
