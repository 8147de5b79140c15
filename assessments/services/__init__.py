"""Operations that change assessments' state, each in one transaction: routes, reviews,
attachments and quiz attempts. Callers import from here."""

from ..selectors import can_review
from .attachments import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    add_attachment,
    sniff_content_type,
)
from .bookings import decide_booking, release_bookings, request_bookings
from .feedback import (
    announce_threads,
    is_published,
    may_moderate,
    open_thread,
    reply_to_thread,
    set_thread_status,
)
from .quizzes import grant_extra_attempt, submit_quiz_attempt
from .reviews import (
    adjust_member_grade,
    approve_review,
    auto_balance_mentors,
    member_score,
    reopen_review,
    review_route,
    save_peer_assessment,
)
from .routes import (
    ROUTE_FIELDS,
    RouteConflict,
    StopData,
    draft_of,
    extend_deadline,
    mentors_of,
    restore_snapshot,
    save_route_draft,
    start_route,
    submit_route,
    withdraw_route,
)

__all__ = [
    "decide_booking",
    "release_bookings",
    "request_bookings",
    "ATTACHMENT_MAX_BYTES",
    "ATTACHMENT_TYPES",
    "ROUTE_FIELDS",
    "RouteConflict",
    "StopData",
    "add_attachment",
    "adjust_member_grade",
    "announce_threads",
    "is_published",
    "may_moderate",
    "open_thread",
    "reply_to_thread",
    "set_thread_status",
    "approve_review",
    "auto_balance_mentors",
    "can_review",
    "draft_of",
    "extend_deadline",
    "grant_extra_attempt",
    "member_score",
    "mentors_of",
    "reopen_review",
    "restore_snapshot",
    "review_route",
    "save_peer_assessment",
    "save_route_draft",
    "sniff_content_type",
    "start_route",
    "submit_quiz_attempt",
    "submit_route",
    "withdraw_route",
]
