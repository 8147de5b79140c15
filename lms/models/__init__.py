"""People and organisation. Migrations name UserManager, validate_snils and
validate_time_zone by their path here, so they stay importable from this package."""

from .cohorts import Cohort, Membership, Region, Team, TeamChange, validate_time_zone
from .imports import ImportBatch
from .people import User, UserManager, format_snils, validate_snils
from .privacy import PolicyConsent, PrivacyPolicyPage

__all__ = [
    "Cohort",
    "ImportBatch",
    "Membership",
    "PolicyConsent",
    "PrivacyPolicyPage",
    "Region",
    "Team",
    "TeamChange",
    "User",
    "UserManager",
    "format_snils",
    "validate_snils",
    "validate_time_zone",
]
