from django import forms
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _

from .models import User, format_snils
from .privacy import current_policy
from .services import record_consent

# Django's own widget templates in their Jinja2 edition: the same HTML in half the time. For
# the site's forms with many widgets (the route studio renders ~80); the Wagtail admin and
# allauth keep the default renderer, whose templates only exist for Django's engine.
FAST_RENDERER = Jinja2()


class ProfileForm(forms.ModelForm):
    """The learner's own name, and the registry fields where one of their cohorts asks."""

    class Meta:
        model = User
        fields = [
            "last_name",
            "first_name",
            "middle_name",
            "birth_date",
            "snils",
            "language",
            "reminder_emails",
        ]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"snils": _("11 цифр, например 112-233-445 95.")}

    def __init__(self, *args, registry: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].required = True
        self.fields["first_name"].required = True
        if registry:
            self.fields["birth_date"].required = True
            self.fields["snils"].required = True
        else:
            del self.fields["birth_date"]
            del self.fields["snils"]

    def clean_birth_date(self):
        import datetime as dt

        value = self.cleaned_data["birth_date"]
        today = dt.date.today()
        if value and not (dt.date(1920, 1, 1) <= value <= today.replace(year=today.year - 14)):
            raise forms.ValidationError(_("Проверьте дату рождения."))
        return value

    def clean_snils(self):
        value = self.cleaned_data["snils"].strip()
        return format_snils(value) if value else value


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл XLSX или CSV"),
        help_text=_("До 10 МБ."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Файл больше 10 МБ: разделите его на части."))
        return upload


class SignupForm(forms.Form):
    """allauth's sign-up plus names and consent to the personal-data policy."""

    last_name = forms.CharField(label=_("Фамилия"), max_length=150)
    first_name = forms.CharField(label=_("Имя"), max_length=150)
    middle_name = forms.CharField(label=_("Отчество"), max_length=150, required=False)
    consent = forms.BooleanField(
        label=_("Я согласен(на) на обработку персональных данных по политике платформы"),
        required=True,
        error_messages={"required": _("Без согласия на обработку данных регистрация невозможна.")},
    )

    def signup(self, request, user):
        user.last_name = self.cleaned_data["last_name"]
        user.first_name = self.cleaned_data["first_name"]
        user.middle_name = self.cleaned_data["middle_name"]
        user.save()
        policy = current_policy()
        if policy is not None:
            record_consent(user, policy)


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
