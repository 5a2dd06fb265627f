"""The question bank: questions belong to a course (and optionally to one of its
lessons, for the lesson's short quiz); their choices are edited inline."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice (all correct options, and only those)")
    TRUE_FALSE = "true_false", _("True or false")
    ORDERING = "ordering", _("Put the steps in order")


class Question(ClusterableModel):
    course = models.ForeignKey(
        "learning.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    lesson = models.ForeignKey(
        "learning.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text=_("Also used in this lesson's short quiz."),
    )
    type = models.CharField(
        _("type"), max_length=12, choices=QuestionType.choices, default=QuestionType.SINGLE
    )
    text = models.TextField(_("question"))
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown after submission, if the quiz allows.")
    )
    active = models.BooleanField(_("in use"), default=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("lesson"),
        FieldPanel("type"),
        FieldPanel("text"),
        FieldPanel("explanation"),
        FieldPanel("active"),
        InlinePanel(
            "choices",
            label=_("Options"),
            min_num=2,
            help_text=_(
                "Tick the correct options. For an ordering question, list the steps in "
                "the correct order (the correct box is not used)."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["course", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(Orderable):
    """An option. For an ordering question, sort_order is the correct position."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text
