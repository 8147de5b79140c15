from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from demo.build import build_demo, demo_exists
from demo.living import LOGINS, build_living_demo, summary


class Command(BaseCommand):
    help = (
        "Load the Russian demo: the curriculum, people, three cohorts and the living layer "
        "(teams, routes in every state, certificates). Once; a second run keeps the data."
    )

    def handle(self, *args, **options):
        if demo_exists():
            self.stdout.write("Демо уже загружено — данные сохранены.")
            return
        # The demo's notifications stay on the site; their e-mails (a few hundred) are not
        # printed to the console while it loads.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            living = build_living_demo(build_demo())
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Демо загружено."))
        for line in summary(living):
            self.stdout.write(f"  {line}")
        self.stdout.write("Входы (подробнее — README.md):")
        for email, password, finds in LOGINS:
            self.stdout.write(f"  {email:32} {password:18} {finds}")
