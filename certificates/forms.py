from django import forms
from django.utils.translation import gettext_lazy as _


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Причина отзыва"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Причина будет показана на странице проверки."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Укажите причину отзыва."))
        return reason


class VerifyLookupForm(forms.Form):
    query = forms.CharField(
        label=_("Номер удостоверения или код проверки"), max_length=60, strip=True
    )
