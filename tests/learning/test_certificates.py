import datetime
import io
import math
import unicodedata
import zipfile

from django.db import transaction
from django.utils import timezone

import pytest
import zxingcpp
from pypdf import PdfReader

from learning.certificates.models import CODE_ALPHABET, format_code, normalise_code
from learning.certificates.services import (
    add_months,
    certificate_status,
    certificates_zip,
    issue_certificate,
    render_pdf,
    revoke,
    verification_url,
)
from learning.certificates.signing import sign_certificate
from learning.models import Certificate
from tests.factories import ProfileFactory, UserFactory
from tests.learning.conftest import COURSE_TITLE, LEARNER_NAME

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-an-toan-2026"


def pdf_text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


# issuing


def test_issue_copies_name_and_title_in_nfc(learner, course):
    learner.profile.full_name = unicodedata.normalize("NFD", LEARNER_NAME)
    learner.profile.save()
    certificate = issue_certificate(user=learner, course=course, valid_months=24)
    assert certificate.learner_name == LEARNER_NAME
    assert unicodedata.is_normalized("NFC", certificate.learner_name)
    assert certificate.course_title == COURSE_TITLE
    assert certificate.course_id == course.pk
    assert certificate.expires_at == add_months(certificate.issued_at, 24)
    # later edits do not change the issued certificate
    learner.profile.full_name = "Tên khác"
    learner.profile.save()
    course.title = "Khoá học khác"
    course.save()
    certificate.refresh_from_db()
    assert (certificate.learner_name, certificate.course_title) == (LEARNER_NAME, COURSE_TITLE)


def test_issue_returns_the_valid_certificate_already_held(learner, course):
    with transaction.atomic():
        first = issue_certificate(user=learner, course=course, valid_months=12)
        again = issue_certificate(user=learner, course=course, valid_months=12)
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1


def test_refresher_after_expiry_or_revocation_issues_a_new_one(learner, course):
    long_ago = timezone.now() - datetime.timedelta(days=800)
    old = issue_certificate(user=learner, course=course, valid_months=24, issued_at=long_ago)
    assert certificate_status(old) == "expired"
    renewed = issue_certificate(user=learner, course=course, valid_months=24)
    assert renewed.pk != old.pk and certificate_status(renewed) == "valid"
    revoke(renewed, reason="Cấp nhầm", by=None)
    third = issue_certificate(user=learner, course=course, valid_months=None)
    assert third.pk not in {old.pk, renewed.pk}
    assert third.expires_at is None and certificate_status(third) == "valid"


def test_valid_months_must_be_positive(learner, course):
    with pytest.raises(ValueError):
        issue_certificate(user=learner, course=course, valid_months=0)


def test_add_months_clamps_to_the_end_of_the_month():
    moment = datetime.datetime(2026, 1, 31, 10, tzinfo=datetime.UTC)
    assert add_months(moment, 1).date() == datetime.date(2026, 2, 28)
    assert add_months(moment, 24).date() == datetime.date(2028, 1, 31)


def test_learner_without_profile_gets_their_account_name(course):
    user = UserFactory(first_name="Lò Văn", last_name="Páo")
    certificate = issue_certificate(user=user, course=course, valid_months=None)
    assert certificate.learner_name == "Lò Văn Páo"


# codes


def test_codes_are_long_random_and_unique(learner, course):
    codes = set()
    for _ in range(30):
        user = ProfileFactory().user
        certificate = issue_certificate(user=user, course=course, valid_months=None)
        assert len(certificate.code) == 16 and set(certificate.code) <= set(CODE_ALPHABET)
        codes.add(certificate.code)
    assert len(codes) == 30
    assert len(CODE_ALPHABET) == 32 and 16 * math.log2(len(CODE_ALPHABET)) >= 80


def test_code_normalisation():
    code = "K7Q29XMD4HRTB2CE"
    assert normalise_code("k7q2-9xmd-4hrt-b2ce") == code
    assert normalise_code(" K7Q2 9XMD 4HRT B2CE ") == code
    assert normalise_code("K7Q2-9XMD-4HRT-B2CO") == "K7Q29XMD4HRTB2C0"
    assert normalise_code("K7Q2-9XMD-4HRT-B2CU") is None  # U is not in the alphabet
    assert normalise_code("K7Q2-9XMD") is None
    assert normalise_code("x" * 500) is None
    assert format_code(code) == "K7Q2-9XMD-4HRT-B2CE"


# status and revocation


def test_revoke_needs_a_reason_and_keeps_the_first_date(learner, course):
    certificate = issue_certificate(user=learner, course=course, valid_months=12)
    with pytest.raises(ValueError):
        revoke(certificate, reason="   ", by=None)
    revoke(certificate, reason="Gian lận khi làm bài kiểm tra", by=None)
    first_date = certificate.revoked_at
    revoke(certificate, reason="Gian lận  khi làm bài kiểm tra cuối khoá", by=None)
    certificate.refresh_from_db()
    assert certificate.revoked_at == first_date
    assert certificate.revoked_reason == "Gian lận khi làm bài kiểm tra cuối khoá"
    assert certificate_status(certificate) == "revoked"


def test_queryset_filters_by_status(learner, course):
    expired = issue_certificate(
        user=learner,
        course=course,
        valid_months=1,
        issued_at=timezone.now() - datetime.timedelta(days=90),
    )
    valid = issue_certificate(user=learner, course=course, valid_months=12)
    revoked = issue_certificate(user=ProfileFactory().user, course=course, valid_months=None)
    revoke(revoked, reason="Cấp nhầm", by=None)
    assert list(Certificate.objects.with_status("valid")) == [valid]
    assert list(Certificate.objects.with_status("expired")) == [expired]
    assert list(Certificate.objects.with_status("revoked")) == [revoked]


# PDF, QR and ZIP


def test_pdf_text_has_the_exact_vietnamese_name_course_dates_and_code(learner, course):
    issued = datetime.datetime(2026, 3, 9, 9, tzinfo=datetime.UTC)
    certificate = issue_certificate(user=learner, course=course, valid_months=24, issued_at=issued)
    text = pdf_text(render_pdf(certificate))
    assert LEARNER_NAME in text.splitlines()
    assert unicodedata.is_normalized("NFC", text)
    assert COURSE_TITLE in " ".join(text.split())
    assert "09/03/2026" in text and "09/03/2028" in text
    assert certificate.display_code in text
    assert verification_url(certificate) in text


def test_pdf_embeds_its_fonts(learner, course):
    certificate = issue_certificate(user=learner, course=course, valid_months=None)
    reader = PdfReader(io.BytesIO(render_pdf(certificate)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]


def test_qr_code_decodes_to_the_verification_url(learner, course):
    certificate = issue_certificate(user=learner, course=course, valid_months=None)
    url = verification_url(certificate)
    assert url == f"https://baovetreem.example.vn/chung-nhan/{certificate.display_code}/"
    images = PdfReader(io.BytesIO(render_pdf(certificate))).pages[0].images
    assert len(images) == 1
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(images[0].image)]
    # the verification URL, then after "#" the signed payload checked offline
    assert decoded == [f"{url}#{sign_certificate(certificate)}"]


def test_long_names_and_titles_still_fit(learner, course):
    learner.profile.full_name = "Tôn Nữ Thị Hoàng Phương Quỳnh Như Ngọc Bích Thuỷ " * 2
    learner.profile.save()
    course.title = "Khoá học rất dài về phòng ngừa, phát hiện và xử lý xâm hại trẻ em " * 3
    course.save()
    certificate = issue_certificate(user=learner, course=course, valid_months=None)
    assert certificate.learner_name in pdf_text(render_pdf(certificate))


def test_zip_has_one_pdf_per_certificate_with_safe_names(learner, course):
    other = ProfileFactory(full_name="Lê Văn Đức / ../..").user
    certificates = [
        issue_certificate(user=learner, course=course, valid_months=None),
        issue_certificate(user=other, course=course, valid_months=None),
    ]
    archive = zipfile.ZipFile(io.BytesIO(certificates_zip(certificates)))
    names = archive.namelist()
    assert len(names) == 2
    assert f"nguyen-thi-hong-dao-{certificates[0].display_code}.pdf" in names
    for name in names:
        assert name.isascii() and "/" not in name and ".." not in name
        assert archive.read(name).startswith(b"%PDF")


def test_bench_command_prints_figures_and_leaves_nothing(home_page, settings):
    from django.core.management import call_command
    from django.db import connection, reset_queries

    settings.DEBUG = True  # as manage.py starts: measured without its query log
    reset_queries()
    out = io.StringIO()
    call_command("bench_certificate", runs=2, stdout=out)
    assert connection.queries == []
    text = out.getvalue()
    assert "issue_certificate" in text and "render_pdf" in text and "p95" in text
    assert Certificate.objects.count() == 0
