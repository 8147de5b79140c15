from celery import shared_task

from .outbox import relay


@shared_task(ignore_result=True)
def relay_outbox() -> int:
    """Send tasks the broker could not take when they were recorded (see core/outbox.py)."""
    return relay()
