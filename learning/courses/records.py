"""What a learner did: enrolments, finished lessons, quiz attempts and answers."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    """An opaque id for a question or an option inside one attempt: says nothing
    about the database id, the position or whether it is correct."""
    return secrets.token_urlsafe(9)


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        "learning.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    extra_minutes = models.PositiveSmallIntegerField(
        _("extra time per timed quiz (minutes)"),
        default=0,
        help_text=_("Added to every timed quiz this learner starts (adjustable time limit)."),
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="learning_one_enrolment")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course}"


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(
        "learning.LessonPage", on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("finished lesson")
        verbose_name_plural = _("finished lessons")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="learning_one_completion_per_lesson"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.lesson}"


class QuizAttempt(models.Model):
    """One try at a quiz. Its questions and the order of their options are fixed
    when it starts (AttemptQuestion, AttemptOption)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    lesson = models.ForeignKey(
        "learning.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attempts",
        help_text=_("Empty for the course's final quiz."),
    )
    number = models.PositiveSmallIntegerField(_("attempt number"), default=1)
    started_at = models.DateTimeField(_("started at"))
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, editable=False
    )
    deadline = models.DateTimeField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Start + time limit + the learner's extra time, by the server clock."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    auto_submitted = models.BooleanField(
        _("graded when time ran out"), default=False, editable=False
    )
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), default=False)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["enrolment", "lesson", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.enrolment} #{self.number}"


class AttemptQuestion(models.Model):
    """A question as drawn for one attempt, with the learner's saved answer: a list
    of option tokens (for ordering questions, in the learner's order)."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="questions")
    question = models.ForeignKey(
        "learning.Question", on_delete=models.PROTECT, related_name="attempt_questions"
    )
    position = models.PositiveSmallIntegerField()
    token = models.CharField(max_length=16, default=new_token)
    answer = models.JSONField(default=list, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    is_correct = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "token"], name="learning_question_token"),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="learning_question_once_per_attempt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.position + 1}"


class AttemptOption(models.Model):
    """An option in the shuffled order this attempt shows it."""

    attempt_question = models.ForeignKey(
        AttemptQuestion, on_delete=models.CASCADE, related_name="options"
    )
    choice = models.ForeignKey(
        "learning.Choice", on_delete=models.PROTECT, related_name="attempt_options"
    )
    position = models.PositiveSmallIntegerField()
    token = models.CharField(max_length=16, default=new_token)

    class Meta:
        ordering = ["attempt_question", "position"]

    def __str__(self) -> str:
        return self.token
