from .booking import SiteBooking, SiteBookingChange
from .feedback import THREAD_FIELDS, FeedbackThread, ThreadMessage
from .quiz import ExtraAttempt, Quiz, QuizAttempt
from .route import (
    Criterion,
    CriterionScore,
    LatePolicy,
    Review,
    RouteAssignmentPage,
    RouteDesign,
    RouteDesignVersion,
    RouteStop,
    RouteTransition,
    Rubric,
)
from .workflow import (
    DeadlineExtension,
    GradeAdjustment,
    PeerAssessment,
    ReviewRevision,
    RouteAttachment,
    RouteDraftSnapshot,
)

__all__ = [
    "THREAD_FIELDS",
    "FeedbackThread",
    "ThreadMessage",
    "ExtraAttempt",
    "DeadlineExtension",
    "GradeAdjustment",
    "PeerAssessment",
    "ReviewRevision",
    "RouteAttachment",
    "RouteDraftSnapshot",
    "Criterion",
    "CriterionScore",
    "LatePolicy",
    "Quiz",
    "QuizAttempt",
    "Review",
    "RouteAssignmentPage",
    "RouteDesign",
    "RouteDesignVersion",
    "RouteStop",
    "RouteTransition",
    "Rubric",
    "SiteBooking",
    "SiteBookingChange",
]
