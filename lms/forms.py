from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User, format_snils


class ProfileForm(forms.ModelForm):
    """The learner's own name, and the registry fields where one of their cohorts asks."""

    class Meta:
        model = User
        fields = ["last_name", "first_name", "middle_name", "birth_date", "snils"]
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
