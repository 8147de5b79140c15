from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User, format_snils
from .privacy import current_policy
from .services import record_consent

# Asked only where one of the learner's cohorts reports to the federal registry (ФИС ФРДО).
REGISTRY_FIELDS = (
    "birth_date",
    "snils",
    "sex",
    "citizenship",
    "prior_education",
    "diploma_surname",
    "diploma_series",
    "diploma_number",
)


class ProfileForm(forms.ModelForm):
    """The learner's own name, and the registry fields where one of their cohorts asks."""

    class Meta:
        model = User
        fields = [
            "last_name",
            "first_name",
            "middle_name",
            *REGISTRY_FIELDS,
            "language",
            "reminder_emails",
        ]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "snils": _("11 цифр, например 112-233-445 95."),
            "citizenship": _("Три цифры по ОКСМ: 643 — Россия, 112 — Беларусь, 398 — Казахстан."),
            "diploma_surname": _("Как в дипломе о ВО или СПО, если с тех пор фамилия менялась."),
        }

    # Asked apart from the consent to processing (152-ФЗ ст. 10.1), off until ticked; the
    # view records the change (lms.services.set_name_dissemination).
    name_dissemination_consent = forms.BooleanField(
        label=_("Согласие на распространение ФИО"),
        required=False,
        help_text=_(
            "Разрешаю показывать мои фамилию, имя и отчество полностью на публичной странице "
            "проверки удостоверения и в его электронной версии (152-ФЗ, ст. 10.1). Без "
            "согласия там видны фамилия и инициалы."
        ),
    )

    def __init__(self, *args, registry: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_dissemination_consent"].initial = self.instance.name_dissemination_consent
        self.fields["last_name"].required = True
        self.fields["first_name"].required = True
        for name in REGISTRY_FIELDS:
            if registry:
                self.fields[name].required = True
            else:
                del self.fields[name]
        if registry:
            # A choice must be made: no pre-selected «---------» that would pass as an answer.
            for name in ("sex", "prior_education"):
                self.fields[name].choices = [
                    ("", _("— выберите —")),
                    *self.fields[name].choices[1:],
                ]

    def clean_birth_date(self):
        import datetime as dt

        value = self.cleaned_data["birth_date"]
        today = dt.date.today()
        if value and not (dt.date(1920, 1, 1) <= value <= today.replace(year=today.year - 14)):
            raise forms.ValidationError(_("Проверьте дату рождения."))
        return value

    def clean_diploma_surname(self):
        return self.cleaned_data["diploma_surname"].strip()

    def clean_diploma_series(self):
        return self.cleaned_data["diploma_series"].strip()

    def clean_diploma_number(self):
        return self.cleaned_data["diploma_number"].strip()

    def clean_snils(self):
        value = self.cleaned_data["snils"].strip()
        return format_snils(value) if value else value


class WithdrawConsentForm(forms.Form):
    """Withdrawing consent closes the account: a tick, and the password where there is one."""

    WORD = "ОТЗЫВАЮ"

    confirm = forms.BooleanField(
        label=_("Я понимаю, что учётная запись будет закрыта, а мои данные обезличены"),
        error_messages={"required": _("Отметьте, что вы понимаете последствия.")},
    )
    password = forms.CharField(
        label=_("Пароль"), widget=forms.PasswordInput(render_value=False), required=False
    )
    word = forms.CharField(label=_("Введите слово ОТЗЫВАЮ"), required=False, max_length=20)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"].required = True
            self.fields["password"].error_messages["required"] = _("Введите пароль.")
            del self.fields["word"]
        else:
            del self.fields["password"]
            self.fields["word"].required = True
            self.fields["word"].error_messages["required"] = _("Введите слово ОТЗЫВАЮ.")

    def clean_password(self):
        value = self.cleaned_data["password"]
        if not self.user.check_password(value):
            raise forms.ValidationError(_("Пароль неверный."))
        return value

    def clean_word(self):
        value = self.cleaned_data["word"].strip()
        if value.upper() != self.WORD:
            raise forms.ValidationError(_("Введите слово ОТЗЫВАЮ."))
        return value


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
