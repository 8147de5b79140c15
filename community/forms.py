"""The boards' and announcements' forms: each field says in Russian (English with EN) what is
wrong; the services check the same again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import FAST_RENDERER

from . import services


def _title_field():
    return forms.CharField(
        label=_("Заголовок"),
        max_length=services.TITLE_MAX,
        error_messages={
            "required": _("Напишите заголовок."),
            "max_length": _("Заголовок длиннее 200 знаков: сократите его."),
        },
    )


def _body_field(label=None):
    return forms.CharField(
        label=label or _("Текст"),
        max_length=services.BODY_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Напишите текст сообщения."),
            "max_length": _("Сообщение длиннее 10 000 знаков: сократите его."),
        },
    )


class _Checked(forms.Form):
    default_renderer = FAST_RENDERER

    def clean_title(self):
        return self._checked(services.clean_title, "title")

    def clean_body(self):
        return self._checked(services.clean_body, "body")

    def _checked(self, check, name):
        try:
            return check(self.cleaned_data[name])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None


class TopicForm(_Checked):
    title = _title_field()
    body = _body_field()


class ReplyForm(_Checked):
    body = _body_field(_("Ваш ответ"))


class AnnouncementForm(_Checked):
    title = _title_field()
    body = _body_field()
    teams = forms.MultipleChoiceField(
        label=_("Кому"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ничего не отмечено — всему потоку."),
        error_messages={"invalid_choice": _("Выберите команды из списка.")},
    )

    def __init__(self, *args, teams, whole: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.whole = whole
        self.team_rows = {str(t.pk): t for t in teams}
        self.fields["teams"].choices = [(str(t.pk), t.name) for t in teams]
        if not whole:
            self.fields["teams"].help_text = _("Вы наставник у этих команд: выберите хотя бы одну.")

    def clean_teams(self):
        chosen = [self.team_rows[pk] for pk in self.cleaned_data["teams"]]
        if not chosen and not self.whole:
            raise ValidationError(_("Выберите хотя бы одну команду."))
        return chosen


class AnnouncementEditForm(_Checked):
    title = _title_field()
    body = _body_field()


class HideForm(forms.Form):
    default_renderer = FAST_RENDERER
    reason = forms.CharField(
        label=_("Причина"),
        max_length=services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Укажите причину: её увидят администраторы."),
            "max_length": _("Причина длиннее 1000 знаков: сократите её."),
        },
    )
