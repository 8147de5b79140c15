from .enterprise import WEEKDAYS, Enterprise, validate_weekdays
from .learning import Enrollment, EnrollmentRequest, LessonProgress
from .pages import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Competency,
    HomePage,
    LessonPage,
    ModulePage,
    ProgramPage,
    Theme,
)

__all__ = [
    "WEEKDAYS",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "Competency",
    "Enrollment",
    "EnrollmentRequest",
    "Enterprise",
    "HomePage",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "ProgramPage",
    "Theme",
    "validate_weekdays",
]
