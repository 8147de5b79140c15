from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.audit import register

from .models import Cohort, Region, Team


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Потоки")
    list_display = ["title", "program", "starts_on", "ends_on", "enrolment_open"]
    list_filter = ["enrolment_open"]


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "user"
    menu_label = _("Команды")
    list_display = ["name", "cohort", "region", "mentor"]
    list_filter = ["cohort", "region"]
    search_fields = ["name"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    menu_label = _("Регионы")
    list_display = ["name", "federal_district", "time_zone"]


class PeopleGroup(SnippetViewSetGroup):
    menu_label = _("Потоки и команды")
    menu_icon = "group"
    menu_order = 190
    items = (CohortViewSet, TeamViewSet, RegionViewSet)


register_snippet(PeopleGroup)


@hooks.register("register_log_actions")
def register_people_actions(actions):
    register(
        actions,
        {
            "promtourism.import.apply": _("Импорт слушателей из файла"),
            "promtourism.person.anonymise": _("Персональные данные обезличены"),
            "promtourism.consent.accept": _("Согласие на обработку персональных данных"),
            "promtourism.consent.withdraw": _("Отзыв согласия на обработку персональных данных"),
            "promtourism.consent.dissemination": _("Согласие на распространение ФИО изменено"),
        },
    )
