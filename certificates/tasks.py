from celery import shared_task


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def render_certificate_pdf(certificate_id: int) -> str:
    """Render and store one certificate's PDF. Safe to run twice: it overwrites the same file."""
    from .models import Certificate
    from .services import store_certificate_pdf

    certificate = Certificate.objects.get(pk=certificate_id)
    return store_certificate_pdf(certificate=certificate).pdf.name
