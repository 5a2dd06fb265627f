"""Certificate verification (public, rate-limited) and the learner's own PDF download."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from django_ratelimit.core import is_ratelimited

from .forms import CertificateCodeForm
from .models import Certificate, format_code, normalise_code
from .services import pdf_filename, render_pdf


def _lookup_rate(group, request) -> str:
    return getattr(settings, "CERTIFICATE_LOOKUP_RATE", "20/m")


def _private(response: HttpResponse) -> HttpResponse:
    """Never indexed, never kept by shared caches, and asked again every time so
    that a revocation shows at once."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_cache=True, max_age=0)
    return response


def _not_found(request, code: str = "") -> HttpResponse:
    response = render(request, "learning/certificate_not_found.html", {"code": code}, status=404)
    return _private(response)


@require_GET
def verify_index(request):
    """A form to type a code; a typed code goes to its verification page."""
    form = CertificateCodeForm(request.GET)
    if form.is_valid() and form.cleaned_data["code"]:
        return redirect("certificate_verify", code=format_code(form.cleaned_data["code"]))
    error = " ".join(form.errors.get("code", []))
    response = render(
        request,
        "learning/certificate_verify_index.html",
        {"code": form.typed(), "error": error},
        status=404 if error else 200,
    )
    return _private(response)


@require_GET
def verify(request, code: str):
    if is_ratelimited(
        request, group="certificate-lookup", key="ip", rate=_lookup_rate, increment=True
    ):
        response = render(request, "learning/certificate_rate_limited.html", status=429)
        response["Retry-After"] = "60"
        return _private(response)
    normalised = normalise_code(code)
    certificate = Certificate.objects.filter(code=normalised).first() if normalised else None
    if certificate is None:
        return _not_found(request, code[:64])
    context = {
        "certificate": certificate,
        "status": certificate.status(),
    }
    return _private(render(request, "learning/certificate_verify.html", context))


@require_GET
@login_required
def download_pdf(request, code: str):
    """The learner's own certificate; anyone else's is "not found"."""
    normalised = normalise_code(code)
    certificate = (
        Certificate.objects.filter(code=normalised, user=request.user).first()
        if normalised
        else None
    )
    if certificate is None:
        raise Http404
    response = HttpResponse(render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(certificate)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
