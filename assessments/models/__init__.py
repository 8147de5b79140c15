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
]
