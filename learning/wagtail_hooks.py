from django.urls import include, path

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from base.personal_data import PersonalData
from learning.quiz.admin import TrainingAdminGroup

from . import personal_data
from .certificates.admin import CertificatePermissionPolicy, CertificateViewSet
from .models import (
    AreaManager,
    AttemptOption,
    AttemptQuestion,
    Certificate,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
)
from .reports.admin import AreaManagerViewSet, report_menu_item
from .reports.staff_chooser import StaffChooserViewSet, staff_chooser_viewset

register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate), exact_class=True)


@hooks.register("register_admin_viewset")
def register_training_admin() -> TrainingAdminGroup:
    return TrainingAdminGroup()


@hooks.register("register_admin_viewset")
def register_certificate_viewset() -> CertificateViewSet:
    return CertificateViewSet()


@hooks.register("register_admin_viewset")
def register_area_managers() -> AreaManagerViewSet:
    return AreaManagerViewSet("area_managers")


@hooks.register("register_admin_viewset")
def register_staff_chooser() -> StaffChooserViewSet:
    return staff_chooser_viewset


@hooks.register("register_admin_urls")
def register_manager_pages():
    from .reports.urls import admin_urlpatterns

    return [path("dao-tao/bao-cao/", include(admin_urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return report_menu_item()


@hooks.register("register_personal_data")
def register_certificates() -> PersonalData:
    return PersonalData(
        key="certificates",
        models=(Certificate,),
        export=personal_data.export_certificates,
        erase=personal_data.erase_certificates,
        order=30,
        deletion_fields={personal_data.KEEP_CERTIFICATES: personal_data.keep_certificates_field()},
        panel=personal_data.certificates_panel,
    )


@hooks.register("register_personal_data")
def register_training_records() -> PersonalData:
    return PersonalData(
        key="training",
        models=(
            Enrolment,
            LessonCompletion,
            QuizAttempt,
            AttemptQuestion,
            AttemptOption,
            AreaManager,
        ),
        export=personal_data.export_training,
        erase=personal_data.erase_training,
        order=40,
    )


@hooks.register("register_personal_data")
def register_quiz_answers() -> PersonalData:
    return PersonalData(
        key="quiz_answers",
        models=(),  # the rows are the training records'; this is them in words
        export=personal_data.export_quiz_answers,
        erase=personal_data.erase_nothing_more,
        order=45,
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_a_small_question_bank(request, page) -> None:
    from django.contrib import messages

    from learning.models import CoursePage
    from learning.quiz.services import pool_warning

    if isinstance(page.specific, CoursePage):
        warning = pool_warning(page.specific)
        if warning:
            messages.warning(request, warning)
