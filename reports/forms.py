"""Forms of the cohort pages: changes of a team's composition."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.models import User


class _TeamChangeForm(forms.Form):
    """A change of a team's composition, on the cohort's teams page. Choices come from the
    roster already read for the page, so a form adds no query."""

    reason = forms.CharField(
        label=_("Основание"),
        max_length=1000,
        error_messages={"required": _("Укажите основание изменения.")},
    )

    def __init__(self, roster, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.roster = roster

    def _people(self):
        """The cohort's members, grouped by team."""
        return [("", "—")] + [
            (team.name, [(m.user_id, m.user.full_name) for m in team.members])
            for team in self.roster.teams
            if team.members
        ]

    def _teams(self):
        return [("", "—")] + [(team.pk, team.name) for team in self.roster.teams]

    def _member(self, name: str):
        value = self.cleaned_data.get(name)
        if not value:
            return None
        membership = self.roster.membership(value)
        if membership is None:
            raise forms.ValidationError(_("Этого человека нет в командах потока."))
        return membership

    def _team(self, name: str):
        team = self.roster.team(self.cleaned_data.get(name))
        if team is None:
            raise forms.ValidationError(_("Выберите команду этого потока."))
        return team


class MemberAddForm(_TeamChangeForm):
    email = forms.EmailField(
        label=_("E-mail участника"),
        error_messages={
            "required": _("Укажите e-mail участника."),
            "invalid": _("Введите правильный e-mail."),
        },
    )
    team = forms.ChoiceField(label=_("Команда"))
    field_order = ["email", "team", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = self._teams()
        self.fields["team"].error_messages["required"] = _("Выберите команду.")

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise forms.ValidationError(
                _("Нет пользователя с e-mail «%(email)s»: пригласите его импортом списка.")
                % {"email": email}
            )
        return user

    def clean_team(self):
        return self._team("team")


class MemberMoveForm(_TeamChangeForm):
    person = forms.ChoiceField(label=_("Кого перевести"))
    to_team = forms.ChoiceField(label=_("В команду"))
    new_captain = forms.ChoiceField(
        label=_("Новый капитан прежней команды"),
        required=False,
        help_text=_("Только если переводят капитана, а в команде остаются участники."),
    )
    field_order = ["person", "to_team", "new_captain", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = self._people()
        self.fields["person"].error_messages["required"] = _("Выберите участника.")
        self.fields["to_team"].choices = self._teams()
        self.fields["to_team"].error_messages["required"] = _("Выберите команду.")
        self.fields["new_captain"].choices = self._people()

    def clean_person(self):
        return self._member("person")

    def clean_to_team(self):
        return self._team("to_team")

    def clean_new_captain(self):
        return self._member("new_captain")


class MemberRemoveForm(_TeamChangeForm):
    person = forms.ChoiceField(label=_("Кого исключить"))
    new_captain = forms.ChoiceField(
        label=_("Новый капитан команды"),
        required=False,
        help_text=_("Только если исключают капитана, а в команде остаются участники."),
    )
    field_order = ["person", "new_captain", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = self._people()
        self.fields["person"].error_messages["required"] = _("Выберите участника.")
        self.fields["new_captain"].choices = self._people()

    def clean_person(self):
        return self._member("person")

    def clean_new_captain(self):
        return self._member("new_captain")


class CaptainChangeForm(_TeamChangeForm):
    person = forms.ChoiceField(label=_("Новый капитан"))
    field_order = ["person", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = self._people()
        self.fields["person"].error_messages["required"] = _("Выберите участника.")

    def clean_person(self):
        return self._member("person")
