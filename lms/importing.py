"""Bring learners and teams in from a spreadsheet (XLSX or CSV).

`plan_import` reads the file and says, row by row, what would be created or updated and
what is wrong, writing nothing. `apply_import` plans again and writes everything in one
transaction, or nothing if any row has an error. Importing the same file twice changes
nothing the second time.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from core.names import split_name
from core.spreadsheets import ImportFileError, read_date, read_table, read_yes_no

from .models import Cohort, Membership, Region, Team, format_snils, validate_snils

MAX_ROWS = 20_000
COLUMNS = {
    "full_name": ("фио", "full name", "полное имя", "фамилия имя отчество", "name"),
    "email": ("e-mail", "email", "почта", "эл. почта", "электронная почта", "e-mail address"),
    "region": ("регион", "region", "субъект рф", "субъект"),
    "team": ("команда", "team"),
    "role": ("роль", "role"),
    "organisation": ("организация", "organisation", "organization", "место работы"),
    "position": ("должность", "position", "job title"),
    # Read only where the cohort reports to ФИС ФРДО; ignored otherwise.
    "birth_date": ("дата рождения", "birth date", "date of birth"),
    "snils": ("снилс", "snils"),
    # «да» moves a person who is in another team of the cohort into the row's team.
    "move": ("перевести", "перевод", "move", "transfer"),
}
REGISTRY_FIELDS = ("birth_date", "snils")
REQUIRED = ("full_name", "email", "region", "team")
ROLES = {
    "": Membership.Role.MEMBER,
    "участник": Membership.Role.MEMBER,
    "member": Membership.Role.MEMBER,
    "капитан": Membership.Role.CAPTAIN,
    "captain": Membership.Role.CAPTAIN,
}
PROFILE_FIELDS = ("last_name", "first_name", "middle_name", "organisation", "position")


@dataclass
class PlannedRow:
    number: int  # the row's number in the spreadsheet, as the admin sees it
    values: dict
    errors: list[str] = field(default_factory=list)
    action: str = ""  # create / update / unchanged
    changes: list[str] = field(default_factory=list)
    new_team: bool = False
    move_from: str = ""  # the team of the cohort the person leaves for the row's team


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    new_teams: list[str]
    fields: tuple[str, ...] = PROFILE_FIELDS
    ignored: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def moves(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.move_from and not row.errors]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)


def _header(cells: list[str]) -> dict[str, int]:
    names = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    found = {}
    for index, cell in enumerate(cells):
        key = names.get(cell.strip().lower().rstrip("*").strip())
        if key and key not in found:
            found[key] = index
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in found]
    if missing:
        raise ImportFileError(
            _("В первой строке нет столбцов: %(missing)s. Нужны: ФИО, e-mail, регион, команда.")
            % {"missing": ", ".join(missing)}
        )
    return found


def plan_import(cohort: Cohort, filename: str, data: bytes) -> ImportPlan:
    table = read_table(filename, data)
    start = next((i for i, row in enumerate(table) if any(row)), None)
    if start is None:
        raise ImportFileError(_("Файл пустой."))
    columns = _header(table[start])
    body = [(start + i + 2, row) for i, row in enumerate(table[start + 1 :]) if any(row)]
    if not body:
        raise ImportFileError(_("В файле есть заголовок, но нет ни одной строки со слушателями."))
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("Не больше %(n)s строк за один раз.") % {"n": MAX_ROWS})

    rows = []
    for number, cells in body:
        values = {
            key: (cells[index] if index < len(cells) else "").strip()
            for key, index in columns.items()
        }
        for key in COLUMNS:
            values.setdefault(key, "")
        values["email"] = values["email"].lower()
        rows.append(PlannedRow(number=number, values=values))

    regions = {r.name.lower(): r for r in Region.objects.all()}
    teams = {t.name.lower(): t for t in Team.objects.filter(cohort=cohort).select_related("region")}
    emails = {row.values["email"] for row in rows}
    users = {u.email: u for u in get_user_model().objects.filter(email__in=emails)}
    memberships = {
        m.user_id: m
        for m in Membership.objects.filter(cohort=cohort).select_related("team", "user")
    }
    team_sizes: dict[str, int] = {}
    captains: dict[str, str] = {}
    for m in memberships.values():
        key = m.team.name.lower()
        team_sizes[key] = team_sizes.get(key, 0) + 1
        if m.role == Membership.Role.CAPTAIN:
            captains[key] = m.user.email
    enrolled_ids = set(cohort.enrollments.values_list("user_id", flat=True))
    enrolled = len(enrolled_ids)
    registry = cohort.collects_registry_data
    fields = PROFILE_FIELDS + (REGISTRY_FIELDS if registry else ())
    ignored = [] if registry else [COLUMNS[k][0] for k in REGISTRY_FIELDS if k in columns]
    seen_emails: dict[str, int] = {}
    new_teams: dict[str, str] = {}

    for row in rows:
        v = row.values
        if not split_name(v["full_name"]):
            row.errors.append(_("ФИО: нужны хотя бы фамилия и имя"))
        try:
            validate_email(v["email"])
        except ValidationError:
            row.errors.append(_("e-mail «%(email)s» неверный") % {"email": v["email"]})
        else:
            if v["email"] in seen_emails:
                row.errors.append(
                    _("e-mail повторяется (строка %(n)s)") % {"n": seen_emails[v["email"]]}
                )
            seen_emails.setdefault(v["email"], row.number)
        region = regions.get(v["region"].lower())
        if region is None:
            row.errors.append(_("неизвестный регион «%(region)s»") % {"region": v["region"]})
        role = ROLES.get(v["role"].lower())
        if role is None:
            row.errors.append(_("роль «%(role)s»: капитан или участник") % {"role": v["role"]})
        team_key = v["team"].lower()
        if not team_key:
            row.errors.append(_("не указана команда"))
        team = teams.get(team_key)
        if team is not None and region is not None and team.region_id != region.id:
            row.errors.append(
                _("команда «%(team)s» — из региона «%(region)s»")
                % {"team": team.name, "region": team.region.name}
            )
        if team is None and team_key:
            row.new_team = True
            name, first_region = new_teams.setdefault(team_key, (v["team"], region))
            if region is not None and first_region is not None and first_region != region:
                row.errors.append(
                    _("команда «%(team)s» — из региона «%(region)s»")
                    % {"team": name, "region": first_region.name}
                )
        move = read_yes_no(v["move"])
        if move is None:
            row.errors.append(
                _("«перевести»: «да» или пусто, а не «%(value)s»") % {"value": v["move"]}
            )
        v["move"] = bool(move)
        if registry and v["birth_date"]:
            birth_date = read_date(v["birth_date"], earliest=dt.date(1920, 1, 1))
            if birth_date is None:
                row.errors.append(
                    _("дата рождения «%(value)s»: нужна дата ДД.ММ.ГГГГ")
                    % {"value": v["birth_date"]}
                )
            v["birth_date"] = birth_date
        else:
            v["birth_date"] = None
        if registry and v["snils"]:
            try:
                validate_snils(v["snils"])
            except ValidationError as exc:
                row.errors.append(f"СНИЛС: {' '.join(exc.messages)}")
            else:
                v["snils"] = format_snils(v["snils"])
        else:
            v["snils"] = ""
        for key, limit in (("full_name", 450), ("organisation", 255), ("position", 255)):
            if len(v[key]) > limit:
                row.errors.append(_("слишком длинное поле (%(n)s символов)") % {"n": len(v[key])})
        if row.errors:
            continue

        user = users.get(v["email"])
        membership = memberships.get(user.pk) if user else None
        moving = membership is not None and membership.team.name.lower() != team_key
        if moving and not v["move"]:
            row.errors.append(
                _(
                    "уже в команде «%(team)s» этого потока; чтобы перевести, "
                    "укажите «да» в столбце «перевести»"
                )
                % {"team": membership.team.name}
            )
            continue
        if moving:
            old_key = membership.team.name.lower()
            if membership.role == Membership.Role.CAPTAIN and team_sizes.get(old_key, 0) > 1:
                row.errors.append(
                    _(
                        "капитан команды «%(team)s»: сначала назначьте ей другого капитана "
                        "на странице состава команд"
                    )
                    % {"team": membership.team.name}
                )
                continue
        if role == Membership.Role.CAPTAIN:
            current = captains.get(team_key)
            if current and current != v["email"]:
                row.errors.append(_("у команды уже есть капитан: %(who)s") % {"who": current})
                continue
            captains[team_key] = v["email"]
        if membership is None or moving:
            size = team_sizes.get(team_key, 0) + 1
            if size > cohort.max_team_size:
                row.errors.append(
                    _("в команде больше %(n)s участников") % {"n": cohort.max_team_size}
                )
                continue
            team_sizes[team_key] = size
            if moving:
                team_sizes[old_key] -= 1
                if captains.get(old_key) == v["email"]:
                    del captains[old_key]
                row.move_from = membership.team.name
            elif cohort.capacity is not None and not (user and user.pk in enrolled_ids):
                enrolled += 1
                if enrolled > cohort.capacity:
                    row.errors.append(
                        _("в потоке нет мест (не больше %(n)s)") % {"n": cohort.capacity}
                    )
                    continue
        last, first, middle = split_name(v["full_name"])
        wanted = {
            "last_name": last,
            "first_name": first,
            "middle_name": middle,
            "organisation": v["organisation"],
            "position": v["position"],
            "birth_date": v["birth_date"],
            "snils": v["snils"],
        }
        if user is None:
            row.action = "create"
        else:
            row.changes = [
                name for name in fields if wanted[name] and getattr(user, name) != wanted[name]
            ]
            if membership is not None and membership.role != role:
                row.changes.append("role")
            if moving:
                row.changes.append("team")
            row.action = "update" if row.changes or membership is None else "unchanged"
        v.update(wanted, role=role, region_id=region.pk)
    return ImportPlan(
        rows=rows,
        new_teams=sorted(name for name, _region in new_teams.values()),
        fields=fields,
        ignored=ignored,
    )
