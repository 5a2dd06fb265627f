"""The admin view "Nhập văn bản": upload or paste, check the details, save a draft."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from wagtail.documents import get_document_model

import docx
import pytest

from content.models import LegalDocumentPage, LegalLibraryPage
from tests.factories import UserFactory

SEEDS = Path(__file__).resolve().parents[2] / "content" / "fixtures" / "legal_seeds"
URL = "/admin/nhap-van-ban/"


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def library(demo_site) -> LegalLibraryPage:
    return LegalLibraryPage.objects.get(locale__language_code="vi")


@pytest.fixture
def superuser(db, django_user_model) -> Any:
    return django_user_model.objects.create_superuser("quantri", "quantri@example.org", "x")


@pytest.fixture
def admin(client: Client, superuser, library) -> Client:
    client.force_login(superuser)
    return client


def step_1(client: Client, **data: Any) -> Any:
    """Post step 1; follow to the import's status page (the task ran immediately in tests)."""
    response = client.post(URL, data)
    if response.status_code == 302 and response["Location"].startswith(URL):
        response = client.get(response["Location"])
    return response


def upload(client: Client, name: str, content: bytes) -> Any:
    return step_1(client, file=_file(name, content))


def _file(name: str, content: bytes) -> io.BytesIO:
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def step_2(client: Client, response: Any, **changes: Any) -> Any:
    """Post step 2 with what step 1 found, changed by `changes`."""
    form = response.context["confirm_form"]
    data = {name: value or "" for name, value in form.initial.items()}
    data.update(changes)
    return client.post(response.request["PATH_INFO"], data)


def test_menu_item_leads_to_the_import_page(admin):
    response = admin.get("/admin/")
    assert URL in response.content.decode()
    response = admin.get(URL)
    assert response.status_code == 200
    assert response.context["source_form"] is not None
    assert b'enctype="multipart/form-data"' in response.content


def test_pasted_seed_shows_metadata_and_structure(admin):
    response = step_1(admin, text=seed_text("001"))
    assert response.status_code == 200
    form = response.context["confirm_form"]
    assert form.initial["number"] == "03/KH-UBND"
    assert form.initial["doc_type"] == "KH"
    assert form.initial["issued_on"] == "2021-01-07"
    html = response.content.decode()
    assert 'value="03/KH-UBND"' in html
    assert "MỤC ĐÍCH, YÊU CẦU" in html
    assert "#muc-i-1" in html
    assert "1472/QĐ-TTg" in html  # a citation
    assert not LegalDocumentPage.objects.exists()


def test_missing_fields_and_warnings_are_listed(admin):
    response = step_1(admin, text=seed_text("004"))
    assert response.context["parsed"].missing == ["number"]
    [label] = response.context["missing"]
    html = response.content.decode()
    assert escape(label) in html
    assert "Số văn bản để trống" in html
    assert 'id="import-missing"' in html


def test_confirm_creates_a_draft_with_the_correction(admin, library, superuser):
    found = step_1(admin, text=seed_text("001"))
    response = step_2(admin, found, place="Thành phố Hải Phòng", signer="")
    page = LegalDocumentPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().pk == library.pk
    assert not page.live
    assert page.place == "Thành phố Hải Phòng"
    assert page.number == "03/KH-UBND"
    assert page.signer_name == ""  # blank stays blank, never re-filled from the text
    assert "signer" in page.import_notes["missing"]
    assert page.sections.count() == 28
    assert page.latest_revision.user == superuser
    assert page.original_file is None  # pasted text has no original file
    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "success"


def test_date_and_number_corrections_update_precision_and_key(admin):
    found = step_1(admin, text=seed_text("004"))
    step_2(admin, found, number="1234/KH-UBND", issued_on="2020-10-05")
    page = LegalDocumentPage.objects.get()
    assert page.number_key == "1234/KH-UBND"
    assert page.issued_display == "05/10/2020"
    assert "number" not in page.import_notes["missing"]


@pytest.mark.parametrize("value", ["7/1/2021", "2021-02-30", "1850", "2999-01"])
def test_bad_date_is_a_form_error(admin, value):
    found = step_1(admin, text=seed_text("001"))
    response = step_2(admin, found, issued_on=value)
    assert response.status_code == 200
    assert "issued_on" in response.context["confirm_form"].errors
    assert "MỤC ĐÍCH, YÊU CẦU" in response.content.decode()  # the preview is still there
    assert not LegalDocumentPage.objects.exists()


def test_uploaded_txt_is_kept_as_the_original(admin):
    found = upload(admin, "ke-hoach.txt", seed_text("001").encode("utf-8"))
    assert found.context["confirm_form"].initial["number"] == "03/KH-UBND"
    step_2(admin, found)
    page = LegalDocumentPage.objects.get()
    assert page.original_file.file.name.endswith(".txt")
    assert page.original_file.file.read().decode("utf-8") == seed_text("001")


def test_uploaded_docx_is_stored_and_attached(admin, tmp_path):
    document = docx.Document()
    for line in seed_text("001").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "ke-hoach.docx"
    document.save(path)
    found = upload(admin, "ke-hoach.docx", path.read_bytes())
    assert found.status_code == 200
    assert found.context["confirm_form"].initial["number"] == "03/KH-UBND"
    assert not get_document_model().objects.exists()  # nothing public before the draft
    step_2(admin, found)
    page = LegalDocumentPage.objects.get()
    assert page.original_file.file.read() == path.read_bytes()
    assert page.sections.count() == 28


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.txt", b"", "rỗng"),
        ("nhi-phan.txt", b"\x00\x01\x02binary\x00" * 50, "nhị phân"),
        ("gia.pdf", b"this is not a PDF at all", "không phải PDF hợp lệ"),
        ("hong.docx", b"PK not really a zip", "không phải tệp .docx hợp lệ"),
        ("bang-tinh.xlsx", b"PK\x03\x04", ".xlsx"),
        ("khong-duoi", b"text", "khong-duoi"),
    ],
)
def test_unusable_files_give_a_form_error(admin, name, content, message):
    response = upload(admin, name, content)
    assert response.status_code == 200
    [error] = response.context["source_form"].errors["file"]
    assert message in error
    assert escape(error) in response.content.decode()
    assert not LegalDocumentPage.objects.exists()
    assert not get_document_model().objects.exists()


def test_text_without_a_document_is_a_form_error(admin):
    response = step_1(admin, text="xin chào")
    assert response.status_code == 200
    assert response.context["source_form"].errors["text"]


@pytest.mark.parametrize(
    "data", [{}, {"text": "   "}, {"text": "abc", "file": _file("a.txt", b"abc")}]
)
def test_exactly_one_source_is_required(admin, data):
    response = step_1(admin, **data)
    assert response.status_code == 200
    assert response.context["source_form"].non_field_errors()


def test_tampered_source_is_refused(admin):
    found = step_1(admin, text=seed_text("001"))
    signed = found.context["confirm_form"].initial["source"]
    response = step_2(admin, found, source=signed[:-3] + "abc")
    assert response.status_code == 200
    [error] = response.context["source_errors"]
    assert escape(error) in response.content.decode()
    assert response.context["source_form"] is not None  # back to step 1
    assert not LegalDocumentPage.objects.exists()


def test_reimport_saves_a_new_revision_not_a_second_page(admin):
    step_2(admin, step_1(admin, text=seed_text("001")))
    step_2(admin, step_1(admin, text=seed_text("001")), place="Hải Phòng (sửa)")
    page = LegalDocumentPage.objects.get()
    assert page.revisions.count() == 2
    assert page.get_latest_revision_as_object().place == "Hải Phòng (sửa)"


def test_reimport_of_a_live_page_stays_a_draft(admin):
    step_2(admin, step_1(admin, text=seed_text("001")))
    LegalDocumentPage.objects.get().save_revision().publish()
    step_2(admin, step_1(admin, text=seed_text("001")), place="Hải Phòng (sửa)")
    page = LegalDocumentPage.objects.get()
    assert page.live and page.has_unpublished_changes
    assert page.place == "Hải Phòng"


def test_editor_can_import(client, library):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)
    assert URL in client.get("/admin/").content.decode()
    found = upload(client, "ke-hoach.pdf", b"%PDF-1.4 broken")
    assert found.context["source_form"].errors["file"]
    response = step_2(client, step_1(client, text=seed_text("001")))
    page = LegalDocumentPage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.latest_revision.user == editor


def test_user_without_admin_access_is_refused(client, library):
    client.force_login(UserFactory())
    response = step_1(client, text=seed_text("001"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]  # the admin signs in through allauth
    assert not LegalDocumentPage.objects.exists()


def test_admin_user_who_may_not_add_documents_is_refused(client, library):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert URL not in client.get("/admin/").content.decode()
    response = step_1(client, text=seed_text("001"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not LegalDocumentPage.objects.exists()


def test_anonymous_user_is_sent_to_log_in(client, library):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]  # the admin signs in through allauth


def test_posts_need_a_csrf_token(superuser, library):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    response = client.post(URL, {"text": seed_text("001")})
    assert response.status_code == 403
    assert not LegalDocumentPage.objects.exists()


def test_step_2_suggests_topics_and_keeps_the_editors_choice(admin, library):
    from content.models import Topic

    found = step_1(admin, text=seed_text("000"))
    suggested = set(found.context["confirm_form"].initial["topics"])
    abuse = Topic.objects.get(slug="xam-hai-tinh-duc")
    assert abuse.pk in suggested
    assert 'name="topics"' in found.content.decode()
    online = Topic.objects.get(slug="an-toan-mang")
    step_2(admin, found, topics=[online.pk])
    page = LegalDocumentPage.objects.get()
    draft = page.get_latest_revision_as_object()
    assert [t.slug for t in draft.topics.all()] == ["an-toan-mang"]
