"""The boards: a cohort's, a team's private one, a topic with its replies; writing, editing,
marking the answer, moderating. Reading a board the viewer may not read is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.params import int_param
from lms.models import Cohort, Team

from .. import mentions, selectors, services
from ..forms import HideForm, ReplyForm, TopicForm
from ..models import Reply


@login_required
def index(request):
    return render(
        request,
        "community/index.html",
        {
            "boards": selectors.my_boards(request.user),
            "announcements": selectors.announcements_for(request.user, limit=20),
        },
    )


def _board_url(cohort, team) -> str:
    if team is None:
        return reverse("community:cohort_board", args=[cohort.pk])
    return reverse("community:team_board", args=[team.pk])


def _board(request, cohort, team):
    if not selectors.may_read(request.user, cohort=cohort, team=team):
        raise Http404
    form = TopicForm()
    if request.method == "POST":
        form = TopicForm(request.POST)
        if form.is_valid():
            try:
                topic = services.start_topic(
                    cohort=cohort, team=team, author=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Тема создана."))
                return redirect("community:topic", topic.pk)
    people = list(selectors.board_people(cohort=cohort, team=team))
    return render(
        request,
        "community/board.html",
        {
            "cohort": cohort,
            "team": team,
            "page": selectors.topics_page(
                cohort=cohort, team=team, viewer=request.user, number=request.GET.get("page")
            ),
            "form": form,
            "handles": mentions.handle_list(people),
            "board_url": _board_url(cohort, team),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def cohort_board(request, cohort_id: int):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    return _board(request, cohort, None)


@login_required
def team_board(request, team_id: int):
    team = get_object_or_404(Team.objects.select_related("cohort"), pk=team_id)
    return _board(request, team.cohort, team)


def _topic_or_404(request, topic_id):
    topic = selectors.visible_topic(topic_id, request.user)
    if topic is None:
        raise Http404
    return topic


def _topic_page(request, topic, *, form=None, status=200):
    user = request.user
    people = list(selectors.board_people(cohort=topic.cohort, team=topic.team))
    return render(
        request,
        "community/topic.html",
        {
            "topic": topic,
            "replies": selectors.topic_replies(topic, user),
            "form": form or ReplyForm(),
            "may_mark": selectors.may_mark_answer(user, cohort=topic.cohort, team=topic.team),
            "is_admin": selectors.is_admin(user),
            "hide_form": HideForm(),
            "handles": mentions.handle_list(people),
            "board_url": _board_url(topic.cohort, topic.team),
        },
        status=status,
    )


@login_required
def topic(request, topic_id: int):
    topic = _topic_or_404(request, topic_id)
    if request.method != "POST":
        return _topic_page(request, topic)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            reply = services.reply_to_topic(
                topic=topic, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Ответ опубликован."))
            return redirect(reverse("community:topic", args=[topic.pk]) + f"#reply-{reply.pk}")
    return _topic_page(request, topic, form=form, status=400)


def _edit(request, *, topic, reply=None):
    post = reply or topic
    if post.author_id != request.user.pk or post.is_hidden:
        raise PermissionDenied
    form_class = ReplyForm if reply else TopicForm
    initial = {"body": post.body} if reply else {"title": topic.title, "body": topic.body}
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if reply:
                services.edit_reply(reply=reply, by=request.user, body=form.cleaned_data["body"])
            else:
                services.edit_topic(topic=topic, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Изменения сохранены; прежний текст сохранён в истории."))
            anchor = f"#reply-{reply.pk}" if reply else ""
            return redirect(reverse("community:topic", args=[topic.pk]) + anchor)
    return render(
        request,
        "community/edit.html",
        {"topic": topic, "reply": reply, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def edit_topic(request, topic_id: int):
    return _edit(request, topic=_topic_or_404(request, topic_id))


@login_required
def edit_reply(request, reply_id: int):
    reply = get_object_or_404(Reply, pk=reply_id)
    topic = _topic_or_404(request, reply.topic_id)
    if reply.is_hidden and not selectors.is_admin(request.user):
        raise Http404
    return _edit(request, topic=topic, reply=reply)


def _reply_of(request, topic):
    reply_id = int_param(request.POST, "reply")
    if reply_id is None:
        return None
    reply = Reply.objects.filter(pk=reply_id, topic=topic).first()
    if reply is None:
        raise Http404
    return reply


@login_required
@require_POST
def answer(request, topic_id: int):
    topic = _topic_or_404(request, topic_id)
    if not selectors.may_mark_answer(request.user, cohort=topic.cohort, team=topic.team):
        raise PermissionDenied
    reply = _reply_of(request, topic)
    try:
        services.mark_answer(topic=topic, reply=reply, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _topic_page(request, topic, status=400)
    messages.success(request, _("Ответ отмечен.") if reply else _("Отметка ответа снята."))
    return redirect("community:topic", topic.pk)


@login_required
@require_POST
def moderate(request, topic_id: int):
    if not selectors.is_admin(request.user):
        raise PermissionDenied
    topic = _topic_or_404(request, topic_id)
    reply = _reply_of(request, topic)
    hide = request.POST.get("action") != "show"
    form = HideForm(request.POST)
    if hide and not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _topic_page(request, topic, status=400)
    try:
        services.moderate_post(
            topic=topic,
            reply=reply,
            by=request.user,
            hide=hide,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _topic_page(request, topic, status=400)
    messages.success(request, _("Скрыто от слушателей.") if hide else _("Снова видно всем."))
    return redirect("community:topic", topic.pk)
