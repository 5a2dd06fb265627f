from .certificates import Certificate, CertificateStatus
from .sections import CourseIndexPage

__all__ = ["Certificate", "CertificateStatus", "CourseIndexPage"]
