from django import forms
from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _

from courses.models import Enterprise

from .models import Review
from .services import StopData


class RouteDraftForm(forms.Form):
    title = forms.CharField(label=_("Название маршрута"), max_length=200, required=False)
    narrative = forms.CharField(
        label=_("Замысел"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class StopForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("Предприятие"), queryset=Enterprise.objects.select_related("region")
    )
    day = forms.IntegerField(label=_("День"), min_value=1, max_value=14, initial=1)
    arrival_time = forms.TimeField(
        label=_("Прибытие"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    stay_minutes = forms.IntegerField(label=_("На месте, мин"), min_value=5, max_value=720)
    transfer_minutes = forms.IntegerField(
        label=_("Переезд дальше, мин"), min_value=0, max_value=1440, initial=0
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        if region is not None:
            # The team's own region comes first in the list.
            own_first = Case(When(region_id=region.pk, then=Value(0)), default=Value(1))
            self.fields["enterprise"].queryset = (
                Enterprise.objects.select_related("region")
                .annotate(own_region_last=own_first)
                .order_by("own_region_last", "name")
            )


class BaseStopFormSet(forms.BaseFormSet):
    def stops(self) -> list[StopData]:
        rows = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE", False)]
        rows.sort(key=lambda f: f.cleaned_data.get("ORDER") or 10_000)
        return [
            StopData(
                enterprise_id=f.cleaned_data["enterprise"].pk,
                arrival_time=f.cleaned_data["arrival_time"],
                stay_minutes=f.cleaned_data["stay_minutes"],
                transfer_minutes=f.cleaned_data["transfer_minutes"],
                day=f.cleaned_data["day"],
            )
            for f in rows
        ]


StopFormSet = forms.formset_factory(
    StopForm, formset=BaseStopFormSet, extra=2, can_delete=True, can_order=True, max_num=50
)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Комментарий команде"), widget=forms.Textarea(attrs={"rows": 5})
    )
    decision = forms.ChoiceField(
        label=_("Решение"), choices=Review.Decision.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                coerce=int,
                choices=[(p, str(p)) for p in range(criterion.max_points + 1)],
            )

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}

    def criterion_fields(self):
        return [self[f"criterion_{c.pk}"] for c in self.criteria]
