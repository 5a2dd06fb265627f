from wagtail import hooks
from wagtail.permissions import register_permission_policy

from learning.quiz.admin import TrainingAdminGroup

from .certificates.admin import CertificatePermissionPolicy, CertificateViewSet
from .models import Certificate
from .reports.admin import AreaManagerViewSet, report_menu_item

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
