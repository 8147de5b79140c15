"""Views of quizzes, routes and reviews, by who uses them; the URLconf imports them from here."""

from .bookings import bookings
from .bookings import decide as decide_booking
from .feedback import open_thread, reply, thread_status
from .peer import peer_review, peer_reviews, peer_stage
from .quizzes import submit_quiz
from .reviews import approve, review, review_autosave, review_queue, version_diff
from .studio import (
    attach,
    attachment,
    autosave,
    check_draft,
    handout,
    peer_note,
    restore,
    start_route,
    studio,
    withdraw,
)

__all__ = [
    "bookings",
    "decide_booking",
    "approve",
    "attach",
    "attachment",
    "autosave",
    "check_draft",
    "handout",
    "open_thread",
    "peer_note",
    "peer_review",
    "peer_reviews",
    "peer_stage",
    "reply",
    "restore",
    "review",
    "review_autosave",
    "review_queue",
    "start_route",
    "studio",
    "submit_quiz",
    "thread_status",
    "version_diff",
    "withdraw",
]
