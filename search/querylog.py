"""Counting what people search for without keeping what identifies them.

Only the normalised (folded) query is stored, with a daily count; visitors are
counted through a keyed hash that changes every day. A query is shown to editors
only once MIN_VISITORS different visitors made it, and everything older than
RETENTION_DAYS is deleted.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from search.models import QueryStat, QueryVisitor

MIN_VISITORS = 3
RETENTION_DAYS = 30


def visitor_key(request, day: datetime.date) -> str:
    source = request.session.session_key or request.META.get("REMOTE_ADDR", "")
    message = f"{day.isoformat()}:{source}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def record(query: str, found: int, request) -> None:
    if not query:
        return
    day = timezone.localdate()
    if cache.add(f"search:purged:{day.isoformat()}", True, 60 * 60 * 24):
        purge(day)
    with transaction.atomic():
        stat, _ = QueryStat.objects.get_or_create(query=query[:200], day=day)
        QueryStat.objects.filter(pk=stat.pk).update(
            searches=F("searches") + 1, zero_results=F("zero_results") + (0 if found else 1)
        )
        try:
            with transaction.atomic():
                QueryVisitor.objects.create(stat=stat, visitor=visitor_key(request, day))
        except IntegrityError:
            pass


def purge(today: datetime.date | None = None) -> int:
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=RETENTION_DAYS)
    deleted, _ = QueryStat.objects.filter(day__lt=cutoff).delete()
    return deleted


def report(zero_results_only: bool = False, limit: int = 50) -> list[dict]:
    """Queries of the last RETENTION_DAYS made by at least MIN_VISITORS visitors."""
    since = timezone.localdate() - datetime.timedelta(days=RETENTION_DAYS)
    recent = QueryStat.objects.filter(day__gte=since)
    # counted separately: summing over the visitor join would multiply the counts
    visitors = dict(
        QueryVisitor.objects.filter(stat__in=recent)
        .values("stat__query")
        .annotate(n=Count("visitor", distinct=True))
        .filter(n__gte=MIN_VISITORS)
        .values_list("stat__query", "n")
    )
    rows = (
        recent.filter(query__in=list(visitors))
        .values("query")
        .annotate(searches=Sum("searches"), zero=Sum("zero_results"))
    )
    if zero_results_only:
        rows = rows.filter(zero__gte=1)
    result = [{**row, "visitors": visitors[row["query"]]} for row in rows]
    result.sort(key=lambda row: (-row["searches"], row["query"]))
    return result[:limit]
