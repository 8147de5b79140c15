from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.audit import register

from .models import Quiz, Rubric


class RubricViewSet(SnippetViewSet):
    model = Rubric
    icon = "list-ol"
    menu_label = _("Рубрики")
    menu_order = 210
    add_to_admin_menu = True


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "help"
    menu_label = _("Тесты")
    menu_order = 205
    add_to_admin_menu = True
    list_display = ["title", "pass_percent", "max_attempts"]
    search_fields = ["title"]


register_snippet(RubricViewSet)
register_snippet(QuizViewSet)


@hooks.register("register_log_actions")
def register_review_actions(actions):
    register(
        actions,
        {
            "promtourism.review.publish": _("Рецензия опубликована"),
            "promtourism.review.reopen": _("Рецензия открыта для пересмотра"),
            "promtourism.review.regrade": _("Рецензия пересмотрена"),
            "promtourism.review.member_score": _("Индивидуальный балл участника"),
        },
    )
