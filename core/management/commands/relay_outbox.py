from datetime import timedelta

from django.core.management.base import BaseCommand

from core.outbox import relay


class Command(BaseCommand):
    help = "Send the Celery tasks that waited in the outbox while the broker was down."

    def handle(self, *args, **options):
        sent = relay(older_than=timedelta(0))
        self.stdout.write(f"sent {sent}")
