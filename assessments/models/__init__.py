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

__all__ = [
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
