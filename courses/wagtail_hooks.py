from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Enterprise


class EnterpriseViewSet(SnippetViewSet):
    model = Enterprise
    icon = "site"
    menu_label = _("Предприятия")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "city", "region", "industry"]
    list_filter = ["region", "industry"]
    search_fields = ["name", "city", "industry"]


register_snippet(EnterpriseViewSet)
