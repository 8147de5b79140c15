"""The read-only JSON API for regional dashboards (django-ninja, which Wagtail already pulls in).

Token-authenticated (`Authorization: Bearer <token>`, tokens issued in the Django admin),
paginated, described by the OpenAPI schema at /api/schema/. An admin's token sees every
cohort; a mentor's token sees only the cohorts and teams they mentor; learners get 403.
The public certificate lookup needs no token and is rate-limited per client.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer
from ninja.throttling import AnonRateThrottle

from certificates.models import Certificate
from core.clientip import client_ip
from core.params import MAX_ID
from lms.roles import CERTIFICATE_ADMIN, MENTOR, has_role
from lms.selectors import visible_cohorts

from . import api_errors
from .models import ApiToken
from .selectors import cohort_report

PUBLIC_LOOKUPS_PER_MINUTE = 30


class ClientRateThrottle(AnonRateThrottle):
    """ninja's anonymous throttle keyed on our client address (trusted proxies only), not on
    its own reading of X-Forwarded-For; off with the other limits (settings.RATE_LIMITS)."""

    def allow_request(self, request) -> bool:
        if not settings.RATE_LIMITS:
            return True
        return super().allow_request(request)

    def get_ident(self, request) -> str:
        return client_ip(request)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is None:
            return None
        if not (has_role(user, CERTIFICATE_ADMIN) or has_role(user, MENTOR)):
            raise HttpError(403, _("Доступ к API есть у администраторов и наставников."))
        request.user = user
        return user


api = NinjaAPI(
    title="Промтуризм.Академия API",
    version="1",
    description="Потоки, прогресс команд и реестр удостоверений для региональных панелей.",
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
    auth=TokenAuth(),
)
api_errors.install(api)
# An id in a path or a query: a database id fits in 64 bits; past that is a 422, not a 500.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class Page(PageNumberPagination):
    page_size = 50
    max_page_size = 500


class CohortOut(Schema):
    id: int
    title: str
    program: str
    starts_on: dt.date
    ends_on: dt.date
    enrolment_open: bool
    learners: int
    teams: int


class MemberScoreOut(Schema):
    user_id: int
    full_name: str
    project_score: Decimal | None  # the member's own: the team's unless the mentor set it apart
    # The score before the reduction for a late version, and that reduction in percent.
    score_before_penalty: Decimal | None
    late_penalty: int
    eligible: bool


class TeamProgressOut(Schema):
    id: int
    name: str
    region: str
    mentor: str | None
    learners: int
    lessons_done_percent: int
    eligible_learners: int
    route_state: str | None
    route_score: Decimal | None
    members: list[MemberScoreOut]


class CertificateOut(Schema):
    serial: str
    holder_name: str
    program: str
    hours: int
    cohort_id: int
    issued_at: dt.datetime
    status: str
    verify_url: str


class PublicCertificateOut(Schema):
    serial: str
    holder_name: str
    program: str
    hours: int
    issued_at: dt.date
    issuer: str
    status: str
    revoked_at: dt.datetime | None
    revoked_reason: str | None


@api.get("/cohorts/", response=list[CohortOut], tags=["cohorts"])
@paginate(Page)
def cohorts(request):
    """Cohorts this token may see, newest first."""
    return [
        CohortOut(
            id=c.id,
            title=c.title,
            program=c.program.title,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            enrolment_open=c.enrolment_open,
            learners=c.n_learners,
            teams=c.n_teams,
        )
        for c in visible_cohorts(request.user).annotate(
            n_learners=Count("enrollments", distinct=True), n_teams=Count("teams", distinct=True)
        )
    ]


@api.get("/cohorts/{cohort_id}/teams/", response=list[TeamProgressOut], tags=["cohorts"])
@paginate(Page)
def cohort_teams(request, cohort_id: Id):
    """Each team's progress: lessons done, eligible learners, the route's state and score, and
    each member's own project score."""
    cohort = get_object_or_404(visible_cohorts(request.user), pk=cohort_id)
    report = cohort_report(cohort, viewer=request.user)
    return [
        TeamProgressOut(
            id=t.team.id,
            name=t.team.name,
            region=t.team.region.name,
            mentor=t.team.mentor.full_name if t.team.mentor else None,
            learners=len(t.learners),
            lessons_done_percent=t.lessons_percent,
            eligible_learners=t.eligible,
            route_state=t.route_state,
            route_score=t.score,
            members=[
                MemberScoreOut(
                    user_id=line.user.pk,
                    full_name=line.user.full_name,
                    project_score=line.score,
                    score_before_penalty=line.score_before_penalty,
                    late_penalty=line.late_penalty,
                    eligible=line.eligible,
                )
                for line in t.learners
            ],
        )
        for t in report.teams
    ]


@api.get("/certificates/", response=list[CertificateOut], tags=["certificates"])
@paginate(Page)
def certificates(request, cohort_id: Id | None = None):
    """The certificates registry: every certificate issued in the cohorts this token sees."""
    qs = Certificate.objects.filter(cohort__in=visible_cohorts(request.user)).order_by("serial")
    if cohort_id is not None:
        qs = qs.filter(cohort_id=cohort_id)
    return [
        CertificateOut(
            serial=c.serial,
            holder_name=c.holder_name,
            program=c.program_title,
            hours=c.hours,
            cohort_id=c.cohort_id,
            issued_at=c.issued_at,
            status=c.status,
            verify_url=c.verify_url(),
        )
        for c in qs
    ]


@api.get(
    "/public/certificates/{query}/",
    response=PublicCertificateOut,
    auth=None,
    throttle=[ClientRateThrottle(f"{PUBLIC_LOOKUPS_PER_MINUTE}/m")],
    tags=["public"],
)
def public_certificate(request, query: Annotated[str, Field(max_length=200)]):
    """Check a certificate by its serial or verification code; no token needed."""
    certificate = get_object_or_404(Certificate, Q(serial__iexact=query) | Q(code=query))
    return PublicCertificateOut(
        serial=certificate.serial,
        holder_name=certificate.public_holder_name,
        program=certificate.program_title,
        hours=certificate.hours,
        issued_at=certificate.issued_at.date(),
        issuer=settings.CERTIFICATE_ISSUER_NAME,
        status=certificate.status,
        revoked_at=certificate.revoked_at,
        revoked_reason=certificate.revoked_reason or None,
    )
