"""Auto-graded quizzes (snippets placed in lessons) and every attempt at them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from ..blocks import QuizQuestionsBlock
from ..grading import Question


class Quiz(models.Model):
    class Explanations(models.TextChoices):
        AFTER_PASS = "after_pass", _("после того как тест сдан")
        AFTER_LAST_ATTEMPT = "after_last", _("после сдачи или последней попытки")
        NEVER = "never", _("никогда")

    title = models.CharField(_("название"), max_length=200)
    intro = models.TextField(_("вступление"), blank=True)
    pass_percent = models.PositiveSmallIntegerField(
        _("проходной балл, %"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("число попыток"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    # Explanations state the right answers: shown on a failed attempt, they would make the
    # next attempt free marks.
    explanations = models.CharField(
        _("когда показывать пояснения"),
        max_length=12,
        choices=Explanations.choices,
        default=Explanations.AFTER_PASS,
    )
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("вопросы"))
    competencies = models.ManyToManyField(
        "courses.Competency", verbose_name=_("компетенции"), blank=True, related_name="quizzes"
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("pass_percent"),
        FieldPanel("max_attempts"),
        FieldPanel("explanations"),
        FieldPanel("competencies"),
        FieldPanel("questions"),
    ]

    class Meta:
        verbose_name = _("тест")
        verbose_name_plural = _("тесты")

    def __str__(self) -> str:
        return self.title

    def explains(self, *, passed: bool, attempts_left: int) -> bool:
        if self.explanations == self.Explanations.AFTER_PASS:
            return passed
        if self.explanations == self.Explanations.AFTER_LAST_ATTEMPT:
            return passed or attempts_left == 0
        return False

    def graded_questions(self) -> list[Question]:
        """The questions with their right answers, for the grader only."""
        questions = []
        for block in self.questions:
            value = block.value
            if block.block_type == "numeric":
                questions.append(
                    Question(
                        id=block.id,
                        kind="numeric",
                        answer=value["answer"],
                        tolerance=value["tolerance"] or 0,
                    )
                )
            else:
                choices = list(value["choices"].bound_blocks)
                questions.append(
                    Question(
                        id=block.id,
                        kind=block.block_type,
                        choice_ids=frozenset(c.id for c in choices),
                        correct_choices=frozenset(c.id for c in choices if c.value["correct"]),
                    )
                )
        return questions


class QuizAttempt(models.Model):
    """One submitted attempt. Every attempt is kept; the best one counts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    number = models.PositiveSmallIntegerField()
    answers = models.JSONField(default=dict)
    correct = models.JSONField(default=dict)
    score = models.DecimalField(max_digits=4, decimal_places=1)
    passed = models.BooleanField()
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz", "number"], name="attempt_number_unique")
        ]
        indexes = [models.Index(fields=["user", "quiz", "-score"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.quiz} #{self.number}"


class ExtraAttempt(models.Model):
    """A mentor gives a learner one more attempt at a quiz, with a reason; kept as a row."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="extra_attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extra_attempts"
    )
    reason = models.TextField(_("основание"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField()

    class Meta:
        ordering = ["granted_at", "id"]
