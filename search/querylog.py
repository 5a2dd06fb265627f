"""Counting what people search for without keeping what identifies them, and
without writing to the database while a visitor waits.

A search touches neither the database nor, most of the time, the cache: its
folded query is reduced to a keyed hash, the visitor to a keyed hash that
changes every day, and one small event is kept in the process's own buffer. After
a response, a process buffer that is full or a few seconds old is put in the
shared buffer (the cache) as one entry; a task (`flush`) moves the shared buffer
into the database in one transaction when it is full or old enough, and when an
editor opens the report. A cached search page counts its search the same way, so
counting costs a hit almost nothing (one cache write per batch, not eight per
search).

Privacy rules (one owner: this module):
- a query holding something that looks like a phone number, an e-mail address
  or an ID-card number is not counted at all;
- the plain (folded) text of a query is stored only once MIN_VISITORS different
  visitors made it; until then only its keyed hash is counted;
- everything older than RETENTION_DAYS is deleted.

Counting never fails a search: any error is logged and the search goes on.
"""

from __future__ import annotations

import atexit
import datetime
import hashlib
import hmac
import logging
import re
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished
from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from django_tasks import task

from base.vietnamese import fold
from search.models import QueryStat, QueryVisitor
from search.query import WORD

logger = logging.getLogger(__name__)

MIN_VISITORS = 3
RETENTION_DAYS = 30
MAX_QUERY_LENGTH = 200
EVENT_TIMEOUT = 60 * 60 * 24  # an event not flushed within a day is dropped

SEQ_KEY = "search:log:seq"  # number of the last entry put in the shared buffer
FLUSHED_KEY = "search:log:flushed"  # number of the last entry moved to the database
EVENTS_KEY = "search:log:events"  # events put in the shared buffer, ever
EVENTS_FLUSHED_KEY = "search:log:events-flushed"  # of which read by the last flush
NEXT_FLUSH_KEY = "search:log:next-flush"  # time after which the buffer is flushed
LOCK_KEY = "search:log:flush-lock"

# Personal data that must never be kept, looked for in what was typed:
# an e-mail address; 9 or more digits in a row, allowing one space, dot or hyphen
# between them (Vietnamese phone numbers have 10, ID cards 9 or 12 digits);
# or an international phone number.
PERSONAL_PATTERNS = (
    re.compile(r"[^\s@]+@[^\s@]+"),
    re.compile(r"\d(?:[ .\-]?\d){8,}"),
    re.compile(r"\+\s?\d{2}(?:[ .\-]?\d){6,}"),
)


class _ProcessBuffer:
    """This process's events not yet in the shared buffer (lost only if the process
    is killed; a process that exits normally hands them over first)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: list[tuple] = []
        self.since = 0.0
        # (query hash, visitor) -> (visitors seen for the query, when it was read)
        self.visitors: dict[tuple[str, str], tuple[int, float]] = {}

    def add(self, event: tuple) -> None:
        with self.lock:
            if not self.events:
                self.since = time.monotonic()
            self.events.append(event)

    def is_due(self) -> bool:
        """Full, or holding a search older than a few seconds: to be handed over."""
        return bool(self.events) and (
            len(self.events) >= min(process_batch_size(), batch_size())
            or time.monotonic() - self.since >= process_seconds()
        )

    def take(self) -> list[tuple]:
        with self.lock:
            events, self.events = self.events, []
            return events


_buffer = _ProcessBuffer()
VISITOR_RECHECK_SECONDS = 30
VISITOR_MEMO_SIZE = 10_000


def batch_size() -> int:
    return int(getattr(settings, "SEARCH_LOG_BATCH", 200))


def flush_seconds() -> int:
    return int(getattr(settings, "SEARCH_LOG_FLUSH_SECONDS", 60))


def process_batch_size() -> int:
    return int(getattr(settings, "SEARCH_LOG_PROCESS_BATCH", 50))


def process_seconds() -> float:
    return float(getattr(settings, "SEARCH_LOG_PROCESS_SECONDS", 5))


def _keyed(purpose: str, message: str) -> str:
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:32]


def visitor_key(request, day: datetime.date) -> str:
    source = request.session.session_key or request.META.get("REMOTE_ADDR", "")
    return _keyed("visitor", f"{day.isoformat()}:{source}")


def query_hash(folded: str) -> str:
    return _keyed("query", folded)


def holds_personal_data(text: str) -> bool:
    return any(pattern.search(text) for pattern in PERSONAL_PATTERNS)


def normalise(text: str) -> str:
    """The folded words of a query, as counted and shown: "Xâm HẠI  trẻ" -> "xam hai tre"."""
    return " ".join(fold(word) for word in WORD.findall(text))[:MAX_QUERY_LENGTH]


def _incr(key: str, timeout: int | None = None, delta: int = 1) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key, delta)
    except ValueError:  # evicted between add and incr
        cache.set(key, delta, timeout)
        return delta


def _visitors_so_far(qhash: str, visitor: str) -> int:
    """Different visitors seen for this query (up to MIN_VISITORS), this one included.
    Only decides whether the text may travel with the event; the database checks
    again before storing it. Read from the cache once per visitor and query, then
    again every VISITOR_RECHECK_SECONDS until enough visitors made the query (a count
    read late only keeps the text back a little longer)."""
    memo = _buffer.visitors
    known = memo.get((qhash, visitor))
    now = time.monotonic()
    if known and (known[0] >= MIN_VISITORS or now - known[1] < VISITOR_RECHECK_SECONDS):
        return known[0]
    if len(memo) >= VISITOR_MEMO_SIZE:
        memo.clear()
    count = _visitors_in_cache(qhash, visitor)
    memo[(qhash, visitor)] = (count, now)
    return count


def _visitors_in_cache(qhash: str, visitor: str) -> int:
    key = f"search:log:visitors:{qhash}"
    seen = cache.get(key) or []
    if visitor not in seen and len(seen) < MIN_VISITORS:
        seen = [*seen, visitor]
        cache.set(key, seen, RETENTION_DAYS * 24 * 60 * 60)
    return len(seen) if visitor in seen else MIN_VISITORS


def record(raw_query: str, found: int, request) -> None:
    """Count one search (cache only). Never raises."""
    try:
        _record(raw_query, found, request)
    except Exception:  # noqa: BLE001 - statistics must never fail a search
        logger.exception("search statistics could not be recorded")


def _record(raw_query: str, found: int, request) -> None:
    if not raw_query.strip() or holds_personal_data(raw_query):
        return
    text = normalise(raw_query)
    if not text:
        return
    day = timezone.localdate()
    visitor = visitor_key(request, day)
    qhash = query_hash(text)
    shown = _visitors_so_far(qhash, visitor) >= MIN_VISITORS
    event = (day.isoformat(), qhash, visitor, 0 if found else 1, text if shown else "")
    _buffer.add(event)


def hand_over() -> bool:
    """Put this process's events in the shared buffer as one entry; True when the
    shared buffer is due for a flush."""
    events = _buffer.take()
    if not events:
        return False
    for _attempt in range(3):
        seq = _incr(SEQ_KEY)
        if cache.add(f"search:log:event:{seq}", events, EVENT_TIMEOUT):
            break
    else:
        return False
    cache.add(NEXT_FLUSH_KEY, time.time() + flush_seconds(), None)
    handed = _incr(EVENTS_KEY, delta=len(events))
    due = handed - (cache.get(EVENTS_FLUSHED_KEY) or 0) >= batch_size()
    return due or time.time() >= (cache.get(NEXT_FLUSH_KEY) or 0)


def _after_response(**kwargs) -> None:
    """Hand the process's events over, and ask for a flush, once the response has been
    sent (no database write while the visitor waits; with the database task backend a
    flush is one INSERT per batch)."""
    if not _buffer.is_due():
        return
    try:
        due = hand_over()
    except Exception:  # noqa: BLE001 - statistics must never fail a request
        logger.exception("search statistics could not be handed over")
        return
    if due:
        try:
            flush_task.enqueue()
        except Exception:  # noqa: BLE001
            logger.exception("search statistics flush could not be queued")


def _hand_over_at_exit() -> None:
    try:
        hand_over()
    except Exception:  # noqa: BLE001
        logger.exception("search statistics could not be handed over at exit")


request_finished.connect(_after_response, dispatch_uid="search-log-flush")
atexit.register(_hand_over_at_exit)


@task()
def flush_task() -> int:
    return flush()


def flush() -> int:
    """Move the buffered events into the database; returns how many were moved."""
    hand_over()  # this process's own events too (the report is read in a web process)
    if not cache.add(LOCK_KEY, True, 60):
        return 0
    try:
        cache.set(NEXT_FLUSH_KEY, time.time() + flush_seconds(), None)
        first = (cache.get(FLUSHED_KEY) or 0) + 1
        handed = cache.get(EVENTS_KEY) or 0
        last = cache.get(SEQ_KEY) or 0
        if last < first:
            return 0
        keys = [f"search:log:event:{seq}" for seq in range(first, last + 1)]
        events = [event for entry in cache.get_many(keys).values() if entry for event in entry]
        _store(events)
        cache.set(FLUSHED_KEY, last, None)
        cache.set(EVENTS_FLUSHED_KEY, handed, None)
        cache.delete_many(keys)
        return len(events)
    finally:
        cache.delete(LOCK_KEY)


def _store(events: list[tuple]) -> None:
    today = timezone.localdate()
    if cache.add(f"search:log:purged:{today.isoformat()}", True, 60 * 60 * 24):
        purge(today)
    counts: dict[tuple[str, str], list[int]] = {}
    visitors: dict[tuple[str, str], set[str]] = {}
    texts: dict[str, str] = {}
    for day, qhash, visitor, zero, text in events:
        total = counts.setdefault((day, qhash), [0, 0])
        total[0] += 1
        total[1] += zero
        visitors.setdefault((day, qhash), set()).add(visitor)
        if text and query_hash(text) == qhash:
            texts[qhash] = text
    with transaction.atomic():
        for (day, qhash), (searches, zero) in counts.items():
            stat, _ = QueryStat.objects.get_or_create(query_hash=qhash, day=day)
            QueryStat.objects.filter(pk=stat.pk).update(
                searches=F("searches") + searches, zero_results=F("zero_results") + zero
            )
            QueryVisitor.objects.bulk_create(
                [QueryVisitor(stat=stat, visitor=v) for v in visitors[(day, qhash)]],
                ignore_conflicts=True,
            )
        since = today - datetime.timedelta(days=RETENTION_DAYS)
        for qhash, text in texts.items():
            recent = QueryStat.objects.filter(query_hash=qhash, day__gte=since)
            seen = QueryVisitor.objects.filter(stat__in=recent).values("visitor").distinct()
            if seen.count() >= MIN_VISITORS:
                recent.exclude(query=text).update(query=text)


def purge(today: datetime.date | None = None) -> int:
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=RETENTION_DAYS)
    deleted, _ = QueryStat.objects.filter(day__lt=cutoff).delete()
    return deleted


def report(zero_results_only: bool = False, limit: int = 50) -> list[dict]:
    """Queries of the last RETENTION_DAYS made by at least MIN_VISITORS visitors."""
    since = timezone.localdate() - datetime.timedelta(days=RETENTION_DAYS)
    recent = QueryStat.objects.filter(day__gte=since).exclude(query="")
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
