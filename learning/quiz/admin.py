"""Wagtail admin for the training: the question bank (choices inline), enrolments
(managers enrol learners and grant extra quiz time) and quiz attempts."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from learning.models import Enrolment, Question, QuizAttempt
from learning.quiz import services


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    add_to_admin_menu = False
    list_display = ["text", "course", "lesson", "type", BooleanColumn("active")]
    list_filter = ["course", "type", "active"]
    search_fields = ["text", "explanation"]
    url_prefix = "learning/questions"
    name = "learning_questions"


class EnrolmentCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.enrolled_by = self.request.user
        return super().save_instance()


class EnrolmentEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        services.refresh_deadlines(instance)  # extra time applies to the quiz in progress
        return instance


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "user"
    menu_label = _("Enrolments")
    add_view_class = EnrolmentCreateView
    edit_view_class = EnrolmentEditView
    panels = [FieldPanel("user"), FieldPanel("course"), FieldPanel("extra_minutes")]
    list_display = [
        "user",
        "course",
        DateColumn("enrolled_at", label=_("enrolled at")),
        DateColumn("completed_at", label=_("completed at")),
        Column("extra_minutes", label=_("extra minutes")),
    ]
    list_filter = ["course"]
    search_fields = ["user__email", "user__username", "user__profile__full_name"]
    url_prefix = "learning/enrolments"
    name = "learning_enrolments"


class QuizAttemptViewSet(ModelViewSet):
    """Read-mostly: the deadline can be moved for one attempt (extra time)."""

    model = QuizAttempt
    icon = "tasks"
    menu_label = _("Quiz attempts")
    form_fields = ["deadline"]
    list_display = [
        Column("enrolment", label=_("enrolment")),
        "number",
        "lesson",
        DateColumn("started_at", label=_("started at")),
        DateColumn("submitted_at", label=_("submitted at")),
        "score",
        BooleanColumn("passed"),
    ]
    list_filter = ["enrolment__course", "passed"]
    inspect_view_enabled = True
    url_prefix = "learning/attempts"
    name = "learning_attempts"


class TrainingAdminGroup(ModelViewSetGroup):
    menu_label = _("Training")
    menu_icon = "doc-full-inverse"
    items = (QuestionViewSet, EnrolmentViewSet, QuizAttemptViewSet)
