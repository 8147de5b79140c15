from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from core import cached
from core.forms import FAST_RENDERER
from courses.models import Enterprise

from . import checklist
from .models import PeerPhase, Review, RouteDesignVersion, RouteStop
from .route_findings import item_label, safety_items_of
from .services import ROUTE_FIELDS, StopData

# What the cost lines' amounts fit in: the price's own field (max_digits=9, decimal_places=2).
MAX_COST_AMOUNT = Decimal("9999999.99")
MAX_COST_LINES = 50


class RouteDraftForm(forms.ModelForm):
    default_renderer = FAST_RENDERER
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    costs = forms.CharField(
        label=_("Статьи затрат на человека"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("По строке на статью: «название; сумма», например «Трансфер; 1500»."),
    )

    class Meta:
        model = RouteDesignVersion
        # The cost lines and the safety checklist have forms of their own.
        fields = [f for f in ROUTE_FIELDS if f not in ("cost_items", "safety_answers")]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "safety_plan": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.cost_items and not self.is_bound:
            self.initial.setdefault(
                "costs",
                "\n".join(
                    f"{item['label']}; {item['amount']}" for item in self.instance.cost_items
                ),
            )

    def clean_costs(self):
        items = []
        lines = [line for line in self.cleaned_data["costs"].splitlines() if line.strip()]
        if len(lines) > MAX_COST_LINES:
            raise forms.ValidationError(
                _("Не больше %(max)s статей затрат.") % {"max": MAX_COST_LINES}
            )
        for number, line in enumerate(self.cleaned_data["costs"].splitlines(), start=1):
            if not line.strip():
                continue
            label, sep, amount = line.rpartition(";")
            try:
                value = Decimal(amount.strip().replace(",", ".").replace(" ", ""))
            except InvalidOperation:
                value = None
            if not sep or not label.strip() or value is None or not value.is_finite() or value < 0:
                raise forms.ValidationError(
                    _("Строка %(n)s: нужно «название; сумма» с неотрицательной суммой.")
                    % {"n": number}
                )
            if value > MAX_COST_AMOUNT:
                raise forms.ValidationError(
                    _("Строка %(n)s: сумма больше %(max)s ₽ на человека.")
                    % {"n": number, "max": MAX_COST_AMOUNT}
                )
            items.append(
                {"label": label.strip()[:100], "amount": str(value.quantize(Decimal("0.01")))}
            )
        return items

    def content(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["cost_items"] = self.cleaned_data["costs"]
        return data


CATALOGUE = "assessments:enterprises"


def enterprise_choices(region=None, shortlist=()) -> list:
    """The catalogue for the stop selects: the brief's shortlist first (its own group), then
    the team's region, then the rest. Cached until an enterprise is saved or deleted (see
    forget_catalogue): every studio request needs it."""

    def build():
        return [(e.pk, str(e), e.region_id) for e in Enterprise.objects.order_by("name", "pk")]

    catalogue = cached.get_or_build(CATALOGUE, build=build)
    if region is not None:
        catalogue = sorted(catalogue, key=lambda row: row[2] != region.pk)  # stable: by name
    rows = [(str(pk), label) for pk, label, _region in catalogue]
    if not shortlist:
        return [("", "---------")] + rows
    listed = {str(pk) for pk in shortlist}
    return [
        ("", "---------"),
        (_("Предприятия задания"), [row for row in rows if row[0] in listed]),
        (_("Другие предприятия"), [row for row in rows if row[0] not in listed]),
    ]


def forget_catalogue(**kwargs) -> None:
    cached.forget(CATALOGUE)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    for signal in (post_save, post_delete):
        signal.connect(forget_catalogue, sender=Enterprise, weak=False, dispatch_uid="catalogue")


class StopForm(forms.Form):
    enterprise = forms.TypedChoiceField(
        label=_("Предприятие"), coerce=int, required=False, empty_value=None
    )
    place_name = forms.CharField(label=_("или другое место"), max_length=200, required=False)
    # Not required: a row posted without it (an older page) is a visit.
    kind = forms.ChoiceField(
        label=_("Тип остановки"),
        choices=RouteStop.Kind.choices,
        initial=RouteStop.Kind.VISIT,
        required=False,
    )
    latitude = forms.DecimalField(
        label=_("широта"),
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        required=False,
    )
    longitude = forms.DecimalField(
        label=_("долгота"),
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
    )
    day = forms.IntegerField(label=_("День"), min_value=1, max_value=14, initial=1)
    arrival_time = forms.TimeField(
        label=_("Прибытие"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    stay_minutes = forms.IntegerField(label=_("На месте, мин"), min_value=5, max_value=720)
    transfer_mode = forms.ChoiceField(
        label=_("Как дальше"), choices=RouteStop.Transfer.choices, initial="coach"
    )
    transfer_minutes = forms.IntegerField(
        label=_("Переезд дальше, мин"), min_value=0, max_value=1440, initial=0
    )
    notes = forms.CharField(label=_("Заметки"), max_length=1000, required=False)
    # Which stop this row is, across saves and versions; empty for a row added in the page.
    key = forms.RegexField(
        regex=r"^[0-9a-f]{32}$", required=False, widget=forms.HiddenInput, label=_("Ключ")
    )

    # What the last autosave said about this row as typed (see studio_initial).
    autosave_messages: list = []

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].choices = choices

    def clean(self):
        data = super().clean()
        if self.errors or data.get("DELETE"):
            return data
        has_place = bool(data.get("place_name"))
        if data.get("enterprise") and has_place:
            raise forms.ValidationError(_("Выберите предприятие или укажите другое место, не оба."))
        if not data.get("enterprise") and not has_place:
            raise forms.ValidationError(_("Выберите предприятие или укажите другое место."))
        if has_place and (data.get("latitude") is None or data.get("longitude") is None):
            raise forms.ValidationError(_("Для другого места нужны широта и долгота."))
        return data

    def stop(self) -> StopData:
        data = self.cleaned_data
        enterprise = data.get("enterprise")
        return StopData(
            enterprise_id=enterprise,
            arrival_time=data["arrival_time"],
            stay_minutes=data["stay_minutes"],
            transfer_minutes=data["transfer_minutes"],
            day=data["day"],
            transfer_mode=data["transfer_mode"],
            place_name="" if enterprise else data["place_name"],
            kind=data.get("kind") or RouteStop.Kind.VISIT,
            latitude=None if enterprise else data["latitude"],
            longitude=None if enterprise else data["longitude"],
            notes=data["notes"],
            **({"key": data["key"]} if data.get("key") else {}),
        )


class BaseStopFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        """The stops table shows labels once, as column headers; each control still needs
        its own accessible name for screen readers: «Прибытие, остановка 2»."""
        super().add_fields(form, index)
        for field in form.fields.values():
            label = str(field.label or "")
            if index is not None:
                label = _("%(field)s, остановка %(number)s") % {
                    "field": label,
                    "number": index + 1,
                }
            field.widget.attrs["aria-label"] = label

    def stops(self) -> list[StopData]:
        rows = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE", False)]
        rows.sort(key=lambda f: f.cleaned_data.get("ORDER") or 10_000)
        return [f.stop() for f in rows]


StopFormSet = forms.formset_factory(
    StopForm,
    formset=BaseStopFormSet,
    extra=2,
    can_delete=True,
    can_order=True,
    max_num=50,
    validate_max=True,
    renderer=FAST_RENDERER,  # passed on to every stop form and the management form
)


HOW_CHOICES = [
    (checklist.BY_SITE, _("предоставляет площадка")),
    (checklist.BY_GROUP, _("берёт группа")),
    (checklist.NOT_NEEDED, _("не нужно, потому что …")),
]
KIND_LABELS = {
    checklist.PPE: _("СИЗ"),
    checklist.DOCUMENT: _("документ"),
    checklist.BRIEFING: _("инструктаж"),
    checklist.PHOTO: _("съёмка"),
}


def checklist_entries(stops) -> list[dict]:
    """The safety checklist of a route's stops: per enterprise stop (in route order) its
    number, the site and its items; a site visited again is asked at its first stop only."""
    entries, seen = [], set()
    for number, stop in enumerate(stops, start=1):
        if not stop.enterprise_id or stop.enterprise_id in seen:
            continue
        seen.add(stop.enterprise_id)
        items = safety_items_of(stop.enterprise)
        if items:
            entries.append({"number": number, "site": stop.enterprise.name, "items": items})
    return entries


def answered_checklist(stops, answers: dict) -> list[dict]:
    """The checklist with the team's answers, to read (the mentor's review page): per
    enterprise stop its items, each with how it is met and why, or None when left open."""
    how_labels = dict(HOW_CHOICES)
    sections = []
    for entry in checklist_entries(stops):
        rows = []
        for item in entry["items"]:
            answer = (answers or {}).get(item.key)
            counts = checklist.answer_problem(answer) is None
            rows.append(
                {
                    "item": item,
                    "label": item_label(item.kind, item.label, item.detail),
                    "kind": KIND_LABELS.get(item.kind, item.kind),
                    "how": how_labels[answer["how"]] if counts else None,
                    "reason": answer.get("reason", "") if counts else "",
                }
            )
        sections.append({**entry, "rows": rows})
    return sections


class SafetyChecklistForm(forms.Form):
    """How the team meets each safety requirement of the route's sites: provided by the site,
    brought by the group, or not needed (with the reason). Fields «<key>-how» and
    «<key>-reason» per item, prefixed «safety»."""

    default_renderer = FAST_RENDERER
    PREFIX = "safety"

    def __init__(self, data=None, *, entries, answers=None, notes=None):
        super().__init__(data, prefix=self.PREFIX)
        self.entries = entries
        self.notes = notes or {}  # item key → what the last autosave said about it
        answers = answers or {}
        for entry in entries:
            for item in entry["items"]:
                answer = answers.get(item.key) or {}
                what = _("%(item)s, остановка %(number)s") % {
                    "item": item_label(item.kind, item.label, item.detail),
                    "number": entry["number"],
                }
                self.fields[f"{item.key}-how"] = forms.ChoiceField(
                    label=_("Как обеспечено: %(what)s") % {"what": what},
                    choices=HOW_CHOICES,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=answer.get("how") or None,
                )
                self.fields[f"{item.key}-reason"] = forms.CharField(
                    label=_("Почему не нужно: %(what)s") % {"what": what},
                    max_length=300,
                    required=False,
                    initial=answer.get("reason", ""),
                )

    def items(self):
        for entry in self.entries:
            yield from entry["items"]

    def clean(self):
        data = super().clean()
        for item in self.items():
            how, reason = f"{item.key}-how", f"{item.key}-reason"
            if how in self.errors or reason in self.errors:
                continue
            if data.get(how) == checklist.NOT_NEEDED and not data.get(reason, "").strip():
                self.add_error(reason, _("Укажите, почему это не нужно."))
        return data

    def answers(self) -> dict:
        """The valid answers by item key (an item with an error is left out: on a partial
        autosave the rest is kept)."""
        data = getattr(self, "cleaned_data", {})
        answers = {}
        for item in self.items():
            how, reason = f"{item.key}-how", f"{item.key}-reason"
            if how in self.errors or reason in self.errors or not data.get(how):
                continue
            answers[item.key] = {"how": data[how], "reason": data.get(reason, "").strip()}
        return answers

    def incomplete(self) -> dict:
        """The items typed but refused, as typed, with their messages (for the snapshot)."""
        bad = {}
        for item in self.items():
            how, reason = f"{item.key}-how", f"{item.key}-reason"
            messages = [str(m) for name in (how, reason) for m in self.errors.get(name, [])]
            if messages:
                value = {"how": self[how].data or "", "reason": self[reason].data or ""}
                bad[item.key] = {"value": value, "messages": messages}
        return bad

    def sections(self) -> list[dict]:
        """For the template: per enterprise stop, its items with their bound fields."""
        return [
            {
                "number": entry["number"],
                "site": entry["site"],
                "items": [
                    {
                        "item": item,
                        "label": item_label(item.kind, item.label, item.detail),
                        "kind": KIND_LABELS.get(item.kind, item.kind),
                        "how": self[f"{item.key}-how"],
                        "reason": self[f"{item.key}-reason"],
                        "notes": self.notes.get(item.key, []),
                    }
                    for item in entry["items"]
                ],
            }
            for entry in self.entries
        ]


def _problems(form) -> list[str]:
    """A bound form's errors as «Поле: сообщение», the form-wide ones as they are."""
    problems = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for message in errors:
            problems.append(f"{label}: {message}" if label else str(message))
    return problems


def _raw(form, names) -> dict:
    return {name: form[name].data for name in names}


def partial_route(form: RouteDraftForm, formset, safety=None) -> dict:
    """What an autosave keeps of a half-filled studio form (both already validated).

    Returns {"content": the valid route fields, "stops": the valid stops in order, "indexes":
    their rows in the formset, "incomplete": {"fields": {name: {"value", "messages"}},
    "stops": [{"position", "index", "data", "messages"}]}}: what was typed but is not valid
    yet, as typed, with the messages to show beside it. With the safety checklist form, its
    valid answers go in the content ("safety_answers") and its refused items in
    "incomplete"["checklist"] ({key: {"value", "messages"}}).
    """
    content = {
        name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data
    }
    if "costs" in form.cleaned_data:
        content["cost_items"] = form.cleaned_data["costs"]
    bad_fields = {
        name: {
            "value": form[name].data,
            "messages": [f"{form.fields[name].label}: {m}" for m in errors],
        }
        for name, errors in form.errors.items()
        if name in form.fields and name != "lock_version"
    }
    rows = []
    for index, row in enumerate(formset.forms):
        data = getattr(row, "cleaned_data", {})
        if data.get("DELETE") or not (row.errors or data) or not row.has_changed():
            continue  # removed, or an empty row: nothing was typed
        rows.append((data.get("ORDER") or 10_000, index, row))
    rows.sort(key=lambda item: (item[0], item[1]))
    stops, indexes, bad_stops = [], [], []
    for position, (_order, index, row) in enumerate(rows, start=1):
        if not row.errors:
            stops.append(row.stop())
            indexes.append(index)
            continue
        names = [name for name in row.fields if name not in ("DELETE", "ORDER")]
        bad_stops.append(
            {
                "position": position,
                "index": index,
                "data": _raw(row, names),
                "messages": [
                    _("Остановка %(number)s не сохранена. %(problems)s")
                    % {"number": position, "problems": " ".join(_problems(row))}
                ],
            }
        )
    incomplete = {"fields": bad_fields, "stops": bad_stops}
    if safety is not None:
        content["safety_answers"] = safety.answers()
        incomplete["checklist"] = safety.incomplete()
    return {
        "content": content,
        "stops": stops,
        "indexes": indexes,
        "incomplete": _storable(incomplete),
    }


KEPT_CHARS = 10_000


def _storable(value):
    """What was typed, fit for a JSON column: PostgreSQL's jsonb refuses the NUL character,
    and a kept value needs no more than a field could hold."""
    if isinstance(value, str):
        return value.replace("\x00", "")[:KEPT_CHARS]
    if isinstance(value, dict):
        return {key: _storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(item) for item in value]
    return value


def studio_initial(stops, incomplete: dict | None) -> tuple[dict, list[dict], list[list]]:
    """The studio form's initial data: the draft's stops with the half-filled ones an
    autosave kept (see partial_route) put back in their places, as typed.

    Returns (route fields as typed, the stop rows, each row's messages).
    """
    rows = [stop_initial(stop) for stop in stops]
    notes: list[list] = [[] for _row in rows]
    incomplete = incomplete or {}
    for item in sorted(incomplete.get("stops", []), key=lambda item: item["position"]):
        at = min(item["position"] - 1, len(rows))
        rows.insert(at, dict(item["data"]))
        notes.insert(at, item["messages"])
    for number, row in enumerate(rows, start=1):
        row["ORDER"] = number
    fields = {name: item["value"] for name, item in incomplete.get("fields", {}).items()}
    return fields, rows, notes


def stop_initial(stop: RouteStop) -> dict:
    return {
        "enterprise": stop.enterprise_id,
        "place_name": stop.place_name,
        "kind": stop.kind,
        "latitude": stop.latitude,
        "longitude": stop.longitude,
        "day": stop.day,
        "arrival_time": stop.arrival_time,
        "stay_minutes": stop.stay_minutes,
        "transfer_mode": stop.transfer_mode,
        "transfer_minutes": stop.transfer_minutes,
        "notes": stop.notes,
        "key": stop.key.hex,
        "ORDER": stop.position,
    }


class ReviewForm(forms.Form):
    """The mentor's review. A draft keeps whatever is filled in; publishing needs every
    criterion, a comment and a decision, each missing one marked at its field."""

    default_renderer = FAST_RENDERER
    comment = forms.CharField(
        label=_("Комментарий команде"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    decision = forms.ChoiceField(
        label=_("Решение"),
        choices=Review.Decision.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, criteria, publishing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.publishing = publishing
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (вес %(weight)s)")
                % {"name": criterion.name, "weight": criterion.weight},
                help_text=criterion.description,
                coerce=int,
                choices=[("", "—")]
                + [(points, f"{points} — {text}") for points, text in criterion.levels()],
                required=False,
                empty_value=None,
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("комментарий к критерию"), required=False, max_length=2000
            )

    def clean(self):
        data = super().clean()
        if self.publishing:
            for criterion in self.criteria:
                if data.get(f"criterion_{criterion.pk}") is None:
                    self.add_error(f"criterion_{criterion.pk}", _("Оцените этот критерий."))
            if not (data.get("comment") or "").strip():
                self.add_error("comment", _("Напишите команде комментарий."))
            if not data.get("decision"):
                self.add_error("decision", _("Выберите решение: вернуть или принять."))
        return data

    def points(self) -> dict[int, int]:
        """The criteria scored so far (all of them, once the form is valid for publishing)."""
        return {
            c.pk: self.cleaned_data[f"criterion_{c.pk}"]
            for c in self.criteria
            if self.cleaned_data.get(f"criterion_{c.pk}") is not None
        }

    def notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"note_{c.pk}"] for c in self.criteria}

    def criterion_fields(self):
        return [(self[f"criterion_{c.pk}"], self[f"note_{c.pk}"]) for c in self.criteria]


class GradeAdjustmentForm(forms.Form):
    member = forms.ChoiceField(label=_("Участник"))
    score = forms.DecimalField(label=_("Балл"), min_value=0, max_value=100, decimal_places=1)
    reason = forms.CharField(label=_("Причина"), max_length=1000)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.fields["member"].choices = [(pk, m.full_name) for pk, m in self.members.items()]


class VersionCompareForm(forms.Form):
    """Which earlier submitted version a version is compared with (the diff page's GET)."""

    default_renderer = FAST_RENDERER
    against = forms.TypedChoiceField(
        label=_("Сравнить с"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Сравнить можно только с одной из более ранних версий маршрута."),
            "required": _("Выберите версию для сравнения."),
        },
    )

    def __init__(self, *args, earlier, **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier = {v.number: v for v in earlier}
        self.fields["against"].choices = [
            (number, _("версией %(number)s") % {"number": number})
            for number in sorted(self.earlier, reverse=True)
        ]

    def version(self):
        return self.earlier[self.cleaned_data["against"]]


def _message_field():
    from .services.feedback import BODY_MAX

    return forms.CharField(
        label=_("Сообщение"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Напишите текст сообщения.")},
    )


class ThreadForm(forms.Form):
    """A mentor's new comment on one stop or one field of the version under review:
    `anchor` is "stop:<key>" or "field:<name>"."""

    default_renderer = FAST_RENDERER
    anchor = forms.ChoiceField(
        label=_("К чему замечание"),
        error_messages={
            "invalid_choice": _("Выберите остановку или поле маршрута."),
            "required": _("Выберите остановку или поле маршрута."),
        },
    )

    def __init__(self, *args, stops, **kwargs):
        from .models import THREAD_FIELDS

        super().__init__(*args, **kwargs)
        self.fields["body"] = _message_field()
        self.fields["anchor"].choices = [
            (f"stop:{stop.key.hex}", _("Остановка %(n)s: %(name)s") % {"n": n, "name": stop.name})
            for n, stop in enumerate(stops, start=1)
        ] + [
            (f"field:{name}", str(RouteDesignVersion._meta.get_field(name).verbose_name))
            for name in THREAD_FIELDS
        ]

    def anchored_to(self) -> dict:
        kind, _sep, value = self.cleaned_data["anchor"].partition(":")
        return {"stop_key": value} if kind == "stop" else {"field_name": value}


class ReplyForm(forms.Form):
    default_renderer = FAST_RENDERER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"] = _message_field()


class BookingDecisionForm(forms.Form):
    """An admin's answer to a team's request for a visit: confirm, or decline with a reason."""

    default_renderer = FAST_RENDERER

    decision = forms.ChoiceField(
        label=_("Решение"),
        choices=[("confirm", _("подтвердить")), ("decline", _("отклонить"))],
        error_messages={
            "required": _("Выберите: подтвердить или отклонить."),
            "invalid_choice": _("Выберите: подтвердить или отклонить."),
        },
    )
    note = forms.CharField(
        label=_("Комментарий"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("Комментарий длиннее 500 знаков.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("note") or "").strip():
            self.add_error("note", _("Укажите, почему заявка отклонена."))
        return data


class PeerReviewForm(ReviewForm):
    """A team's review of another team's route: the mentor's review form (the same rubric,
    a comment per criterion) without a decision; sending it needs every criterion and the
    comment, a draft whatever is filled in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["decision"]
        self.fields["comment"].label = _("Общий комментарий авторам")

    def clean(self):
        data = forms.Form.clean(self)
        if self.publishing:
            for criterion in self.criteria:
                if data.get(f"criterion_{criterion.pk}") is None:
                    self.add_error(f"criterion_{criterion.pk}", _("Оцените этот критерий."))
            if not (data.get("comment") or "").strip():
                self.add_error("comment", _("Напишите авторам общий комментарий."))
        return data


class PeerPhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Этап"), choices=PeerPhase.choices)
    reason = forms.CharField(label=_("Почему"), required=False, max_length=2000)


class PeerDropOutForm(forms.Form):
    team = forms.TypedChoiceField(label=_("Команда"), coerce=int)
    reason = forms.CharField(label=_("Почему выбывает"), max_length=2000)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {t.pk: t for t in teams}
        self.fields["team"].choices = [(t.pk, t.name) for t in teams]


class PeerReallocateForm(forms.Form):
    reason = forms.CharField(label=_("Почему распределить заново"), max_length=2000)
