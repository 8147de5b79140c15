from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.audit import register

from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Шаблоны удостоверений")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "organisation"]


register_snippet(CertificateTemplateViewSet)


@hooks.register("register_log_actions")
def register_certificate_actions(actions):
    register(
        actions,
        {
            "promtourism.certificate.issue": _("Удостоверение выдано"),
            "promtourism.certificate.revoke": _("Удостоверение отозвано"),
            "promtourism.certificate.reissue": _("Удостоверение перевыпущено"),
            "promtourism.certificate.bulk_issue": _("Массовая выдача удостоверений"),
            "promtourism.attendance.change": _("Посещаемость изменена"),
        },
    )
