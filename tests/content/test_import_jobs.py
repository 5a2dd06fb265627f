"""Admin imports as background jobs: status page, private originals, re-import notice, limits."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from content.importer import limits
from content.models import ImportJob, LegalDocumentPage, LegalLibraryPage
from content.originals import PRIVATE_COLLECTION

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "content" / "fixtures" / "legal_seeds"
URL = "/admin/nhap-van-ban/"


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def library(demo_site) -> LegalLibraryPage:
    return LegalLibraryPage.objects.get(locale__language_code="vi")


@pytest.fixture
def superuser(django_user_model) -> Any:
    return django_user_model.objects.create_superuser("quantri", "quantri@example.org", "x")


@pytest.fixture
def admin(client: Client, superuser, library) -> Client:
    client.force_login(superuser)
    return client


def _upload(client: Client, name: str, content: bytes) -> Any:
    buffer = io.BytesIO(content)
    buffer.name = name
    return client.post(URL, {"file": buffer})


def _confirm(client: Client, job_url: str) -> Any:
    found = client.get(job_url)
    data = {k: v or "" for k, v in found.context["confirm_form"].initial.items()}
    return client.post(job_url, data)


def test_step_1_only_stores_and_enqueues(admin, superuser):
    response = _upload(admin, "ke-hoach.txt", seed_text("001").encode())
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("content_import_job", args=[job.pk])
    assert (job.user, job.filename, job.status) == (superuser, "ke-hoach.txt", "done")
    assert job.parsed["number"] == "03/KH-UBND"
    assert not Path(job.upload.path).is_relative_to(settings.MEDIA_ROOT)
    with pytest.raises(NotImplementedError):  # private storage: no URL at all
        job.upload.url  # noqa: B018


def test_status_page_refreshes_while_the_task_runs(admin, superuser):
    job = ImportJob.objects.create(user=superuser, filename="a.docx", status="running")
    response = admin.get(reverse("content_import_job", args=[job.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert 'role="status"' in html and "a.docx" in html


def test_failed_job_shows_the_error_on_step_1(admin):
    response = _upload(admin, "hong.docx", b"PK not a zip")
    response = admin.get(response["Location"])
    assert "không phải tệp .docx hợp lệ" in response.context["source_form"].errors["file"][0]
    assert not ImportJob.objects.get().upload  # a hostile file is not kept


def test_another_users_job_is_not_found(client, admin, superuser, django_user_model):
    job = ImportJob.objects.create(user=superuser, text="x", status="done", parsed={})
    other = django_user_model.objects.create_superuser("khac", "khac@example.org", "x")
    client.force_login(other)
    assert client.get(reverse("content_import_job", args=[job.pk])).status_code == 404


def test_original_is_private_until_the_page_is_published(admin, client, library):
    response = _upload(admin, "ke-hoach.txt", seed_text("001").encode())
    _confirm(admin, response["Location"])
    page = LegalDocumentPage.objects.get()
    document = page.original_file
    assert document.collection.name == PRIVATE_COLLECTION
    assert not ImportJob.objects.get().upload  # the private copy is gone with the draft
    anonymous = Client()
    url = document.url
    assert anonymous.get(url).status_code in (302, 403)  # restricted: sent to log in
    page.save_revision().publish()
    document.refresh_from_db()
    assert document.collection.name != PRIVATE_COLLECTION
    assert anonymous.get(url).status_code == 200


def test_reimport_of_a_live_document_says_so_and_lists_changes(admin):
    first = _upload(admin, "a.txt", seed_text("001").encode())
    _confirm(admin, first["Location"])
    LegalDocumentPage.objects.get().save_revision().publish()
    changed = seed_text("001").replace("Hải Phòng,\nngày", "Hà Nội,\nngày", 1)
    second = admin.get(_upload(admin, "b.txt", changed.encode())["Location"])
    html = second.content.decode()
    assert second.context["existing"].live
    assert 'id="import-existing"' in html
    assert ("Nơi ban hành", "Hải Phòng", "Hà Nội") in second.context["changes"]
    assert 'id="import-changes"' in html


def test_reading_over_the_time_limit_is_stopped(monkeypatch):
    monkeypatch.setattr(limits, "READ_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(limits, "_read", lambda *args: time.sleep(30) or {})
    started = time.monotonic()
    outcome = limits.read_limited(None, "x", "")
    assert time.monotonic() - started < 5
    assert "giây" in outcome["error"]


def test_reading_over_the_memory_limit_is_stopped(monkeypatch):
    monkeypatch.setattr(limits, "READ_MEMORY_BYTES", 300 * 1024 * 1024)
    monkeypatch.setattr(limits, "_read", lambda *args: {"big": b"x" * (600 * 1024 * 1024)})
    outcome = limits.read_limited(None, "x", "")
    assert "bộ nhớ" in outcome["error"]
    assert not get_document_model().objects.exists()
