"""Managers' views and exports of learners' data are recorded (Decree 356/2025):
who, when, which area and course. Superusers read them in the Django admin
(/django-admin/accounts/dataaccess/); records older than a year are removed as
new ones are written."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .models import DataAccess

RETENTION = timedelta(days=365)


def record_access(manager, action: str, *, areas: str = "", course: str = "") -> DataAccess:
    DataAccess.objects.filter(at__lt=timezone.now() - RETENTION).delete()
    return DataAccess.objects.create(
        manager=manager,
        manager_name=manager.get_username()[:150],
        action=action,
        area=areas[:200],
        course=course[:255],
    )
