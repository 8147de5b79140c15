"""Operations that change people, cohorts and teams, each in one transaction: accounts,
teams, the spreadsheet import, invitations, consent and anonymisation (notifications are
core.notifications).
Callers import from here."""

from .importing import apply_import, purge_import_files
from .invitations import invite, send_invitations, set_password_url
from .people import (
    assign_mentor,
    import_batch_keep,
    member_add,
    team_create,
    user_create,
)
from .privacy import anonymise_user, record_consent, set_name_dissemination, withdraw_consent
from .teams import team_captain_change, team_member_add, team_member_move, team_member_remove

__all__ = [
    "anonymise_user",
    "apply_import",
    "assign_mentor",
    "import_batch_keep",
    "invite",
    "member_add",
    "purge_import_files",
    "record_consent",
    "send_invitations",
    "set_name_dissemination",
    "set_password_url",
    "team_captain_change",
    "team_create",
    "team_member_add",
    "team_member_move",
    "team_member_remove",
    "user_create",
    "withdraw_consent",
]
