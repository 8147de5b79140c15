from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.build import PEOPLE, build_demo, demo_exists


class Command(BaseCommand):
    help = "Load the Russian demo curriculum and demo users (once; a second run keeps the data)."

    def handle(self, *args, **options):
        if demo_exists():
            self.stdout.write("Демо уже загружено — данные сохранены.")
            return
        build_demo(sample_routes=True)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Демо загружено. Входы:"))
        for email, password, last, first, _middle in PEOPLE.values():
            self.stdout.write(f"  {email:28} {password:18} {last} {first}")
