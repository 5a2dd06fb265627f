from wagtail import hooks
from wagtail.permissions import register_permission_policy

from learning.admin_views import TrainingAdminGroup

from .certificate_admin import CertificatePermissionPolicy, CertificateViewSet
from .manager_admin import AreaManagerViewSet, report_menu_item
from .models import Certificate

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


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return report_menu_item()


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_a_small_question_bank(request, page) -> None:
    from django.contrib import messages

    from learning.models import CoursePage
    from learning.services import pool_warning

    if isinstance(page.specific, CoursePage):
        warning = pool_warning(page.specific)
        if warning:
            messages.warning(request, warning)
