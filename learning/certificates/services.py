"""Issuing, checking, revoking and printing training certificates.

The grading code calls issue_certificate() inside its own transaction; everything
else here is used by the verification page, the learner's download and the admin."""

from __future__ import annotations

import calendar
import contextlib
import datetime
import io
import unicodedata
import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from anyascii import anyascii

from base.pdf_fonts import FONT, FONT_BOLD, register_fonts
from base.public_url import absolute
from learning.certificates.models import (
    Certificate,
    CertificateStatus,
    format_code,
    generate_code,
)
from learning.certificates.signing import sign_certificate

ACCENT = "#005a8c"

# ReportLab and segno are imported when a certificate PDF is made, not when a web
# process starts: most requests never make one (memory per worker).


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day `months` later (the last day of the month when it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def learner_name(user) -> str:
    """The name printed on certificates: the profile's full name, NFC."""
    profile = getattr(user, "profile", None)
    name = getattr(profile, "full_name", "") or user.get_full_name() or user.get_username()
    return _nfc(name)


def issue_certificate(
    *,
    user,
    course,
    valid_months: int | None,
    issued_at: datetime.datetime | None = None,
) -> Certificate:
    """A certificate for `user` on `course`; the one they already hold when it is still
    valid (revoked or expired ones do not count: a refresher course issues a new one).

    Safe to call inside the caller's transaction.atomic(): the learner's row is locked
    so two simultaneous gradings cannot issue two certificates."""
    if valid_months is not None and valid_months <= 0:
        raise ValueError("valid_months must be a positive number of months or None")
    issued_at = issued_at or timezone.now()
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).values("pk").first()
        existing = (
            Certificate.objects.filter(user=user, course_id=course.pk)
            .with_status(CertificateStatus.VALID, now=issued_at)
            .order_by("-issued_at")
            .first()
        )
        if existing is not None:
            return existing
        certificate = Certificate(
            user=user,
            course_id=course.pk,
            learner_name=learner_name(user),
            course_title=_nfc(course.title),
            issued_at=issued_at,
            expires_at=add_months(issued_at, valid_months) if valid_months else None,
        )
        for attempt in range(3):
            try:
                with transaction.atomic():
                    certificate.save(force_insert=True)
                return certificate
            except IntegrityError:
                # 80 random bits make a clash practically impossible; retry anyway.
                if attempt == 2 or not Certificate.objects.filter(code=certificate.code).exists():
                    raise
                certificate.code = generate_code()
    raise AssertionError("unreachable")


def certificate_status(certificate: Certificate, now: datetime.datetime | None = None) -> str:
    """The status: valid, expired or revoked (a CertificateStatus value)."""
    return certificate.status(now)


def revoke(certificate: Certificate, *, reason: str, by) -> Certificate:
    """Revoke with a reason (required). Revoking again only updates the reason."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValueError("a reason is required to revoke a certificate")
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    return certificate


def verification_path(certificate: Certificate) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("certificate_verify", kwargs={"code": certificate.display_code})


def verification_url(certificate: Certificate) -> str:
    """The absolute address printed on the certificate and in its QR code."""
    return absolute(verification_path(certificate))


def local_date(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y") if moment else ""


def _fit(text: str, font: str, size: float, width: float, smallest: float) -> float:
    """The largest font size ≤ size at which text fits in width (at least smallest)."""
    from reportlab.pdfbase import pdfmetrics

    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _qr_image(url: str):
    import segno
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    segno.make(url, error="m", mask=0).save(buffer, kind="png", scale=4, border=2)
    buffer.seek(0)
    return ImageReader(buffer)


@contextlib.contextmanager
def _binary_streams():
    """ReportLab wraps streams in ASCII85 by default, which doubles the time to write
    the PDF; binary streams are just as valid. Either value gives a correct file, so a
    concurrent render seeing the other one is harmless."""
    from reportlab import rl_config

    previous, rl_config.useA85 = rl_config.useA85, 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate as a one-page A4 PDF with the fonts embedded (Vietnamese)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    register_fonts()
    url = verification_url(certificate)
    payload = sign_certificate(certificate)  # offline check: in the QR and the metadata
    buffer = io.BytesIO()
    width, height = landscape(A4)
    with translation.override(settings.LANGUAGE_CODE), _binary_streams():
        pdf = canvas.Canvas(
            buffer, pagesize=(width, height), pageCompression=1, initialFontName=FONT
        )
        pdf.setTitle(f"{_('Certificate')} {certificate.display_code}")
        pdf.setAuthor(settings.WAGTAIL_SITE_NAME)
        pdf.setKeywords(payload)
        pdf.setStrokeColor(HexColor(ACCENT))
        pdf.setLineWidth(3)
        pdf.rect(28, 28, width - 56, height - 56)
        pdf.setLineWidth(0.8)
        pdf.rect(36, 36, width - 72, height - 72)

        centre, text_width = width / 2, width - 160
        pdf.setFillColor(HexColor(ACCENT))
        pdf.setFont(FONT_BOLD, 14)
        pdf.drawCentredString(centre, height - 80, settings.WAGTAIL_SITE_NAME.upper())
        pdf.setFont(FONT_BOLD, 30)
        pdf.drawCentredString(centre, height - 135, _("CERTIFICATE OF COMPLETION"))

        pdf.setFillColor(HexColor("#1a1a1a"))
        pdf.setFont(FONT, 14)
        pdf.drawCentredString(centre, height - 180, _("This certifies that"))
        name_size = _fit(certificate.learner_name, FONT_BOLD, 28, text_width, 14)
        pdf.setFont(FONT_BOLD, name_size)
        pdf.drawCentredString(centre, height - 220, certificate.learner_name)
        pdf.setFont(FONT, 14)
        pdf.drawCentredString(centre, height - 255, _("has completed the course"))

        lines = simpleSplit(certificate.course_title, FONT_BOLD, 18, text_width)[:3]
        pdf.setFont(FONT_BOLD, 18)
        y = height - 288
        for line in lines:
            pdf.drawCentredString(centre, y, line)
            y -= 24

        pdf.setFont(FONT, 12)
        left, y = 80, 170
        pdf.drawString(left, y, f"{_('Issued on')}: {local_date(certificate.issued_at)}")
        expiry = local_date(certificate.expires_at) if certificate.expires_at else _("no expiry")
        pdf.drawString(left, y - 20, f"{_('Valid until')}: {expiry}")
        pdf.setFont(FONT_BOLD, 12)
        pdf.drawString(left, y - 40, f"{_('Certificate code')}: {certificate.display_code}")
        pdf.setFont(FONT, 9)
        pdf.drawString(left, y - 64, _("Check that this certificate is genuine at:"))
        pdf.drawString(left, y - 78, url)

        qr_size = 150
        pdf.drawImage(_qr_image(f"{url}#{payload}"), width - 70 - qr_size, 50, qr_size, qr_size)
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()


def pdf_filename(certificate: Certificate) -> str:
    """An ASCII file name safe on any system: nguyen-thi-hong-dao-K7Q2-9XMD-….pdf"""
    name = slugify(anyascii(certificate.learner_name))[:60] or "certificate"
    return f"{name}-{format_code(certificate.code)}.pdf"


def certificates_zip(certificates: Iterable[Certificate]) -> bytes:
    """One ZIP with a PDF per certificate, for printing."""
    buffer = io.BytesIO()
    names: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            name = pdf_filename(certificate)
            if name in names:
                continue
            names.add(name)
            archive.writestr(name, render_pdf(certificate))
    return buffer.getvalue()
