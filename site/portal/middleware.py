from django.conf import settings

from csp.middleware import CSPMiddleware, PolicyParts


class PortalCSPMiddleware(CSPMiddleware):
    """Nonce-based CSP everywhere except the admin, which needs inline scripts.

    A nonce in the same policy would make browsers ignore 'unsafe-inline', so the
    admin policy is sent without one.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIXES):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
            parts.nonce = None
        return parts
