from .booking import SiteBooking, SiteBookingChange
from .feedback import THREAD_FIELDS, FeedbackThread, ThreadMessage
from .peer import (
    PeerAllocation,
    PeerDropOut,
    PeerPhase,
    PeerPhaseChange,
    PeerReview,
    PeerReviewDraft,
)
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
    "PeerAllocation",
    "PeerDropOut",
    "PeerPhase",
    "PeerPhaseChange",
    "PeerReview",
    "PeerReviewDraft",
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
