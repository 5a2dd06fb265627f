"""An import started from the admin: the upload (kept private) and what was read from it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _


class PrivateFileSystemStorage(FileSystemStorage):
    """Files that have no URL: they are read by the server, never served."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Private files have no URL.")


class PrivateStorage(LazyObject):
    """Uploads waiting for review: outside MEDIA_ROOT, with no URL at all."""

    def _setup(self) -> None:
        self._wrapped = PrivateFileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


private_storage = PrivateStorage()


def _private_storage() -> PrivateStorage:
    return private_storage


class ImportJob(models.Model):
    """One upload or pasted text, read by a background task (content.tasks)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Reading")
        DONE = "done", _("Read")
        FAILED = "failed", _("Failed")
        SAVED = "saved", _("Draft created")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    upload = models.FileField(storage=_private_storage, upload_to="imports/%Y/%m/", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    step = models.CharField(max_length=120, blank=True)
    error = models.TextField(blank=True)
    text = models.TextField(blank=True)
    parsed = models.JSONField(null=True, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document import")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename or str(self.pk)

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.SAVED}
