from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import LessonPage
from .services import mark_lesson_done


@login_required
@require_POST
def complete_lesson(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), id=lesson_id)
    try:
        mark_lesson_done(user=request.user, lesson=lesson)
    except PermissionDenied:
        messages.error(request, _("Урок можно отметить после зачисления на программу."))
    else:
        messages.success(
            request, _("Урок «%(title)s» отмечен как пройденный.") % {"title": lesson.title}
        )
    return redirect(lesson.url)
