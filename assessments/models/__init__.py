from .quiz import Quiz, QuizAttempt
from .route import (
    Criterion,
    CriterionScore,
    Review,
    RouteAssignmentPage,
    RouteDesign,
    RouteDesignVersion,
    RouteStop,
    RouteTransition,
    Rubric,
)
from .workflow import GradeAdjustment, PeerAssessment, RouteAttachment, RouteDraftSnapshot

__all__ = [
    "GradeAdjustment",
    "PeerAssessment",
    "RouteAttachment",
    "RouteDraftSnapshot",
    "Criterion",
    "CriterionScore",
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
