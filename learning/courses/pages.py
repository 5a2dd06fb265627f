from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from base.roles import AudiencesField, role_labels
from content.blocks import BodyStreamBlock
from content.models.mixins import FoldedSearchMixin


class ReviewSetting(models.TextChoices):
    """What a learner sees after submitting a quiz."""

    NONE = "none", _("Nothing (only whether the quiz is passed)")
    SCORE = "score", _("The score only")
    # The default: earlier reviews must not hand out the answers to the next attempt.
    AFTER_LAST = (
        "after_last",
        _(
            "The score; the correct answers and explanations once the quiz is passed "
            "or the last attempt used"
        ),
    )
    FULL = "full", _("The score, the correct answers and the explanations")


class CoursePage(FoldedSearchMixin, Page):
    """A course: its lessons are the child pages; its final quiz is drawn from the
    course's question bank (learning.models.Question)."""

    summary = models.TextField(_("summary"), max_length=600)
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    audiences = AudiencesField(
        _("audiences"), help_text=_("Who the course is for (learner roles).")
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=60)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    issues_certificate = models.BooleanField(_("issues a certificate"), default=True)
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a certificate that never expires."),
    )
    quiz_question_count = models.PositiveSmallIntegerField(
        _("questions drawn for the final quiz"),
        default=10,
        validators=[MinValueValidator(1)],
    )
    quiz_time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    quiz_max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    quiz_review = models.CharField(
        _("after submission, show"),
        max_length=10,
        choices=ReviewSetting.choices,
        default=ReviewSetting.AFTER_LAST,
    )

    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = ["learning.LessonPage"]
    template = "learning/course_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("audiences"),
        FieldPanel("estimated_minutes"),
        MultiFieldPanel(
            [
                FieldPanel("quiz_question_count"),
                FieldPanel("quiz_time_limit_minutes"),
                FieldPanel("quiz_max_attempts"),
                FieldPanel("pass_mark"),
                FieldPanel("quiz_review"),
            ],
            heading=_("Final quiz"),
        ),
        MultiFieldPanel(
            [FieldPanel("issues_certificate"), FieldPanel("certificate_valid_months")],
            heading=_("Certificate"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("introduction"),
        index.SearchField("folded_search_text"),
    ]
    folded_source_fields = ("title", "summary", "introduction", "search_description")

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def audience_labels(self) -> list[str]:
        return role_labels(self.audiences)

    def lessons(self) -> models.QuerySet:
        return LessonPage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from learning.courses.progress import course_progress

        context = super().get_context(request, *args, **kwargs)
        context["progress"] = course_progress(self, request.user)
        return context


class LessonPage(FoldedSearchMixin, Page):
    """A lesson: content blocks, "Mark as done", and an optional short quiz drawn
    from the course's questions attached to this lesson."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    required = models.BooleanField(
        _("required"), default=True, help_text=_("Learners must finish it to complete the course.")
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=15)
    quiz_question_count = models.PositiveSmallIntegerField(
        _("questions in the short quiz"),
        default=0,
        help_text=_(
            "0 for no quiz. Questions are drawn from the course's questions attached "
            "to this lesson."
        ),
    )

    parent_page_types = ["learning.CoursePage"]
    subpage_types: list[str] = []
    template = "learning/lesson_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("required"),
        FieldPanel("estimated_minutes"),
        FieldPanel("quiz_question_count"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("folded_search_text"),
    ]
    folded_source_fields = ("title", "search_description")

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @property
    def course(self) -> CoursePage:
        return CoursePage.objects.get(pk=self.get_parent().pk)

    @property
    def has_quiz(self) -> bool:
        return self.quiz_question_count > 0

    def get_context(self, request, *args, **kwargs):
        from learning.courses.progress import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(self, request.user))
        return context
