from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Enterprise, LessonPage, LessonProgress, Theme


class EnterpriseViewSet(SnippetViewSet):
    model = Enterprise
    icon = "site"
    menu_label = gettext_lazy("Предприятия")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "name",
        "city",
        "region",
        "industry",
        "offers_meals",
        "coordinates_are_demo_values",
    ]
    list_filter = ["region", "industry", "offers_meals", "coordinates_are_demo_values"]
    search_fields = ["name", "city", "industry"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = gettext_lazy("Темы кейсов")
    list_display = ["name", "slug"]


register_snippet(EnterpriseViewSet)
register_snippet(ThemeViewSet)


@hooks.register("before_delete_page")
def warn_before_deleting_studied_lessons(request, page):
    """Deleting a lesson keeps its learners' progress as history; say so before confirming."""
    if request.method != "GET":
        return None
    lesson_ids = LessonPage.objects.descendant_of(page, inclusive=True).values("id")
    studied = LessonProgress.objects.filter(lesson_id__in=lesson_ids).count()
    if studied:
        messages.warning(
            request,
            _(
                "Этот урок (или уроки внутри раздела) отмечен пройденным %(count)s раз. "
                "После удаления записи о прохождении останутся в истории слушателей с "
                "названием урока, но урок исчезнет из программы и прогресса."
            )
            % {"count": studied},
        )
    return None
