from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .certificate_admin import CertificatePermissionPolicy, CertificateViewSet
from .models import Certificate

register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate), exact_class=True)


@hooks.register("register_admin_viewset")
def register_certificate_viewset() -> CertificateViewSet:
    return CertificateViewSet()
