from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Шаблоны удостоверений")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "organisation"]


register_snippet(CertificateTemplateViewSet)
