"""Benchmark of the legal-text search against Wagtail's default database search.

Builds a synthetic corpus inside a transaction (rolled back at the end), indexes
it for both, runs the same query mix through both, and prints the figures.
"""

import cProfile
import gc
import io
import pstats
import statistics
import time
from contextlib import contextmanager, nullcontext
from dataclasses import asdict

from django.core.management.base import CommandError
from django.core.signals import request_finished, request_started
from django.db import (
    DatabaseError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.db.models import Prefetch
from django.test import RequestFactory

from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from base.benchmarks import BenchmarkCommand
from content.models import LegalDocumentPage, LegalLibraryPage, LegalSection
from search.backends import engine_name, get_engine
from search.backends.postgres import SEARCH_TABLES
from search.bench import build_corpus, kept_numbers
from search.indexing import document_for
from search.maintenance import settle_wagtail_index
from search.models import RankingFields, SearchDocument, SearchEntry
from search.query import WORD
from search.ranking import ranking_row
from search.service import PER_PAGE, search_documents
from search.types import Filters, SearchRequest

TOPICS = [
    "trẻ em", "tre em", "xâm hại", "xam hai", "bảo vệ trẻ em", "bao ve tre em",
    "phòng chống xâm hại trẻ em", "phong chong xam hai tre em", "đuối nước", "duoi nuoc",
    "tai nạn thương tích", "bạo lực gia đình", "môi trường mạng", "cộng tác viên",
    "tuyên truyền", "kế hoạch", "ủy ban nhân dân", "uy ban nhan dan", "quyền trẻ em", "dinh",
]  # fmt: skip
PHRASES = ['"xâm hại trẻ em"', '"bảo vệ, chăm sóc trẻ em"', '"tổng đài điện thoại"', '"tre em"']


class Rollback(Exception):
    pass


class QueryTimes:
    """The milliseconds spent in the database and the statements run, per run of a
    query: what `--slowest` shows of each (the time between sending a statement and
    holding its rows, so the network and the driver count too)."""

    def __init__(self) -> None:
        self.ms: list[float] = []
        self.count: list[int] = []
        self._wrapper = None

    def next_run(self) -> None:
        self.ms.append(0.0)
        self.count.append(0)

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if self.ms:
                self.ms[-1] += (time.perf_counter() - started) * 1000
                self.count[-1] += 1

    def __enter__(self) -> "QueryTimes":
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._wrapper.__exit__(*exc)


# The documents as Wagtail's default search would index them for visitors: the
# portal keeps only their title and number in Wagtail's index (for the admin), so
# the baseline indexes and queries them with these fields instead.
BASELINE_FIELDS = [
    *Page.search_fields,
    index.SearchField("number"),
    index.SearchField("subject"),
    index.RelatedFields(
        "sections",
        [index.SearchField("label"), index.SearchField("heading"), index.SearchField("text")],
    ),
    index.FilterField("doc_type"),
    index.FilterField("issued_on"),
    index.FilterField("status"),
]


# documents per write: PostgreSQL's index statement takes three parameters per
# section field, and at most 65,535
BASELINE_BATCH = 200


@contextmanager
def baseline_fields():
    kept = LegalDocumentPage.search_fields
    LegalDocumentPage.search_fields = BASELINE_FIELDS
    try:
        yield
    finally:
        LegalDocumentPage.search_fields = kept


@contextmanager
def as_a_request():
    """request_started and request_finished around a block, without their closing
    of database connections (the benchmark's transaction lives on its connection;
    Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=Command)
        try:
            yield
        finally:
            request_finished.send(sender=Command)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@contextmanager
def time_limit(seconds: float):
    """Stop the current database query after `seconds` (SQLite progress handler,
    PostgreSQL statement_timeout); yields a function telling whether it did."""
    fired = []
    if connection.vendor == "sqlite":
        deadline = time.perf_counter() + seconds

        def handler() -> int:
            if time.perf_counter() > deadline:
                fired.append(True)
                return 1
            return 0

        connection.ensure_connection()
        connection.connection.set_progress_handler(handler, 10_000)
        try:
            yield lambda: bool(fired)
        finally:
            connection.connection.set_progress_handler(None, 0)
    else:
        with connection.cursor() as cursor:
            cursor.execute("SAVEPOINT bench_query")
            cursor.execute(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
        try:
            yield lambda: bool(fired)
        except OperationalError:
            fired.append(True)
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK TO SAVEPOINT bench_query")
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = 0")


def documents_of(corpus) -> list[SearchDocument]:
    by_page: dict[int, list[SearchEntry]] = {}
    for entry in corpus.entries:
        by_page.setdefault(entry.page_id, []).append(entry)
    pages = {page.pk: page for page in corpus.pages}
    return [document_for(pages[page_id], rows) for page_id, rows in by_page.items()]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index]


def table_bytes(tables: list[str]) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "WHERE c.relkind = 'r' AND c.relname = ANY(%s)",
                [tables],
            )
            return int(cursor.fetchone()[0])
        placeholders = ",".join(["%s"] * len(tables))
        sql = f"SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN ({placeholders})"  # noqa: S608
        cursor.execute(sql, tables)
        return int(cursor.fetchone()[0])


# the page tables the corpus is bulk-loaded into (the search tables are settled by
# the engine)
CONTENT_TABLES = ["wagtailcore_page", "content_legaldocumentpage", "content_legalsection"]


def flush_writes() -> None:
    """PostgreSQL: the planner's statistics of the bulk-loaded page tables, as
    autovacuum would refresh them (with none, it guesses 2 million sections and
    reads them all to label the hits of a page: 200 ms at 100,000 documents); and
    the corpus written out now (CHECKPOINT, where allowed) rather than in the
    background while the queries are timed."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in CONTENT_TABLES:
            cursor.execute(f'ANALYZE "{table}"')
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError:
        pass  # not a superuser nor pg_checkpoint: measured as it is


def clean_up_after_rollback() -> None:
    """On PostgreSQL a rollback leaves two things behind: what ANALYZE measured of a
    table's size (pg_class.reltuples), and the synthetic rows' entries in the indexes
    (the GIN indexes' pending lists, read through on every search). Both are cleaned
    from every table the benchmark wrote, or the site's searches would go on paying
    for documents that are gone (the demo's search page spent 34 ms in the database
    instead of 2). VACUUM cannot run inside a transaction (under a test): ANALYZE alone."""
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in [*CONTENT_TABLES, *SEARCH_TABLES, "wagtailsearch_indexentry"]:
            cursor.execute(f'{command} "{table}"')


class Command(BenchmarkCommand):
    help = "Benchmark the legal search against Wagtail's default search on N synthetic documents."

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=3, help="runs of the query mix (ours)")
        parser.add_argument(
            "--baseline-repeat",
            type=int,
            default=1,
            help="runs of the mix through Wagtail's search",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--baseline-timeout",
            type=float,
            default=10.0,
            help="seconds after which one query through Wagtail's search is stopped "
            "(its time then counts as this limit, so the baseline figures are lower bounds)",
        )
        parser.add_argument(
            "--no-baseline",
            action="store_true",
            help="measure ours only (Wagtail's index is neither built nor queried)",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="commit the synthetic documents (on a database kept for benchmarking only) "
            "and, when an earlier --keep run left as many, measure them again without "
            "rebuilding (Wagtail's search is then not measured)",
        )
        parser.add_argument(
            "--profile",
            type=int,
            default=0,
            metavar="N",
            help="profile our query mix (cProfile) and print its N costliest functions",
        )
        parser.add_argument(
            "--slowest",
            type=int,
            default=0,
            metavar="N",
            help="print the N queries of our mix that took longest, each with its time in "
            "the database and its statements: where the p95 comes from",
        )

    def handle(self, *args, docs, repeat, seed, baseline_repeat, baseline_timeout, **options):
        if not LegalLibraryPage.objects.exists():
            raise CommandError("No legal library page: run `manage.py load_demo` first.")
        self.baseline_timeout = baseline_timeout
        self.baseline_stopped = 0
        self.with_baseline = not options["no_baseline"]
        self.profile = options["profile"]
        self.slowest = options["slowest"]
        self.stdout.write(f"engine={engine_name()} database={connection.vendor} docs={docs}")
        if options["keep"]:
            numbers = kept_numbers(docs)
            if numbers is None:
                numbers = self.build(docs, seed)
            else:
                self.stdout.write(f"reusing the {docs} documents kept by an earlier --keep run")
                self.with_baseline = False
            self.report(docs, numbers, repeat, baseline_repeat)
            return
        try:
            with transaction.atomic():
                self.report(docs, self.build(docs, seed), repeat, baseline_repeat)
                raise Rollback
        except Rollback:
            clean_up_after_rollback()

    def build(self, docs: int, seed: int) -> list[str]:
        """Build and index the synthetic corpus; the numbers the query mix looks up."""
        out = self.stdout
        vendor = connection.vendor
        started = time.perf_counter()
        corpus = build_corpus(docs, seed)
        built = time.perf_counter() - started
        out.write(f"corpus built in {built:.1f}s ({len(corpus.entries)} search rows)")

        ours_tables = ["search_searchentry", "search_searchdocument", "search_rankingfields"] + (
            [
                f"search_{t}_{p}"
                for t in ("doc_words_fts", "doc_exact_fts", "head_fts")
                for p in ("data", "idx", "docsize", "config")
            ]
            if vendor == "sqlite"
            else []
        )
        base_tables = ["wagtailsearch_indexentry"] + (
            [f"wagtailsearch_indexentry_fts_{t}" for t in ("data", "idx", "docsize", "content")]
            if vendor == "sqlite"
            else []
        )
        size_before = table_bytes(ours_tables)
        started = time.perf_counter()
        SearchEntry.objects.bulk_create(corpus.entries, batch_size=2000)
        documents = documents_of(corpus)
        SearchDocument.objects.bulk_create(documents, batch_size=1000)
        RankingFields.objects.bulk_create(
            [ranking_row(doc.page, doc.head_folded) for doc in documents], batch_size=1000
        )
        get_engine().settle()
        index_seconds = time.perf_counter() - started
        index_bytes = table_bytes(ours_tables) - size_before

        if self.with_baseline:
            with baseline_fields():
                baseline_index_seconds, baseline_bytes = self.index_baseline(corpus, base_tables)
            out.write(
                f"index: ours {index_seconds:.1f}s {index_bytes / 1e6:.1f} MB; wagtail default "
                f"{baseline_index_seconds:.1f}s {baseline_bytes / 1e6:.1f} MB"
            )
        else:
            out.write(f"index: ours {index_seconds:.1f}s {index_bytes / 1e6:.1f} MB")

        flush_writes()
        return corpus.numbers

    def report(self, docs: int, numbers: list[str], repeat: int, baseline_repeat: int) -> None:
        """Run the query mix (ours, then Wagtail's) and print the figures."""
        out = self.stdout
        mix = self.query_mix(numbers)
        profiler = cProfile.Profile() if self.profile else None
        with profiler or nullcontext(), QueryTimes() as database:
            ours, ours_cpu = self.measure(mix, repeat, self.ours, database)
        p50, p95, worst = (percentile(ours, 50), percentile(ours, 95), max(ours))
        cpu_p95 = percentile(ours_cpu, 95)
        out.write(f"queries: {len(mix)} x {repeat} runs (Wagtail's search: x {baseline_repeat})")
        out.write(
            f"ours:     p50={p50:.1f}ms p95={p95:.1f}ms max={worst:.1f}ms "
            f"mean={statistics.mean(ours):.1f}ms"
        )
        out.write(
            f"ours cpu: p50={percentile(ours_cpu, 50):.1f}ms p95={cpu_p95:.1f}ms "
            "(process CPU time: what a busy machine does not inflate)"
        )
        if self.slowest:
            self.write_slowest(mix, ours, ours_cpu, database)
        if profiler:
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(self.profile)
            out.write(text.getvalue())
        if not self.with_baseline:
            out.write(
                f"RESULT docs={docs} p50_ms={p50:.1f} p95_ms={p95:.1f} cpu_p95_ms={cpu_p95:.1f}"
            )
            return
        with baseline_fields():
            baseline, _cpu = self.measure(mix, baseline_repeat, self.baseline)
        b50, b95, bworst = (percentile(baseline, 50), percentile(baseline, 95), max(baseline))
        if self.baseline_stopped:
            out.write(
                f"{self.baseline_stopped} queries through Wagtail's search were stopped at "
                f"{self.baseline_timeout:.0f}s: its figures are lower bounds"
            )
        out.write(
            f"baseline: p50={b50:.1f}ms p95={b95:.1f}ms max={bworst:.1f}ms "
            f"mean={statistics.mean(baseline):.1f}ms"
        )
        out.write(
            f"RESULT docs={docs} p50_ms={p50:.1f} p95_ms={p95:.1f} cpu_p95_ms={cpu_p95:.1f} "
            f"baseline_p95_ms={b95:.1f} speedup_p95={b95 / p95 if p95 else 0:.1f}"
        )

    def index_baseline(self, corpus, tables: list[str]) -> tuple[float, int]:
        """Index the corpus for Wagtail's default search: (seconds, bytes)."""
        before = table_bytes(tables)
        started = time.perf_counter()
        backend = get_search_backend()
        pages = LegalDocumentPage.objects.filter(pk__in=[p.pk for p in corpus.pages])
        pages = pages.prefetch_related(Prefetch("sections", queryset=LegalSection.objects.all()))
        batch = []
        for page in pages.iterator(chunk_size=BASELINE_BATCH):
            batch.append(page)
            if len(batch) == BASELINE_BATCH:
                backend.add_bulk(LegalDocumentPage, batch)
                batch = []
        if batch:
            backend.add_bulk(LegalDocumentPage, batch)
        settle_wagtail_index()  # the same maintenance after the bulk load as ours gets
        return time.perf_counter() - started, table_bytes(tables) - before

    def query_mix(self, numbers: list[str]) -> list[tuple[str, Filters]]:
        mix: list[tuple[str, Filters]] = []
        for number in numbers[:10]:
            mix.append((number, Filters()))
            mix.append((number.replace("Đ", "D"), Filters()))
        mix += [(topic, Filters()) for topic in TOPICS]
        mix += [(phrase, Filters()) for phrase in PHRASES]
        mix += [
            ("trẻ em", Filters(doc_type="KH")),
            ("xâm hại", Filters(year_from=2019, year_to=2021)),
            ("bảo vệ trẻ em", Filters(doc_type="CT", year_from=2020)),
            ("tuyen truyen", Filters(status="in_force")),
        ]
        return mix

    def write_slowest(self, mix, wall: list[float], cpu: list[float], database: "QueryTimes"):
        """The queries whose slowest run took longest, with the median of their runs:
        wall-clock, process CPU and database milliseconds, and statements per run."""
        runs = len(wall) // len(mix)

        def of(values: list, i: int) -> list:
            return [values[r * len(mix) + i] for r in range(runs)]

        worst = sorted(range(len(mix)), key=lambda i: -max(of(wall, i)))[: self.slowest]
        self.stdout.write(f"slowest {len(worst)} queries (of {runs} runs: max, then medians):")
        for i in worst:
            text, filters = mix[i]
            shown = " ".join(f"{k}={v}" for k, v in asdict(filters).items() if v is not None)
            self.stdout.write(
                f"  max={max(of(wall, i)):6.1f} wall={statistics.median(of(wall, i)):6.1f} "
                f"cpu={statistics.median(of(cpu, i)):6.1f} "
                f"db={statistics.median(of(database.ms, i)):6.1f}ms "
                f"statements={statistics.median(of(database.count, i)):.0f}  {text!r} {shown}"
            )

    def measure(
        self, mix, repeat: int, run, database: "QueryTimes | None" = None
    ) -> tuple[list[float], list[float]]:
        """Wall-clock and process CPU milliseconds of each query. After the warm-up the
        garbage collector's view of what is loaded is frozen, as gunicorn's preload does
        for its workers (site/portal/gunicorn.conf.py): without it a full collection of
        this process's 190,000 objects (120 ms) now and then lands inside a query."""
        for text, filters in mix[:5]:  # warm caches
            run(text, filters)
        gc.freeze()
        timings, cpu = [], []
        try:
            for _ in range(repeat):
                for text, filters in mix:
                    if database:
                        database.next_run()
                    started, started_cpu = time.perf_counter(), time.process_time()
                    run(text, filters)
                    timings.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - started_cpu) * 1000)
        finally:
            gc.unfreeze()  # what was frozen can be collected again once measured
        return timings, cpu

    def ours(self, text: str, filters: Filters) -> None:
        """As the search page calls it: with the visitor's request, on which Wagtail
        keeps the site's root paths while the hits' addresses are worked out, inside
        Django's request signals (what the site reads once per request, such as the
        request's Site, is read as for a page)."""
        request = RequestFactory().get("/tim-kiem/", {"q": text})
        search = SearchRequest(query=text, filters=filters, per_page=PER_PAGE)
        with as_a_request():
            response = search_documents(search, request)
            [hit.url for hit in response.hits]

    def baseline(self, text: str, filters: Filters) -> None:
        """Wagtail's default search, given the same words (it cannot take raw
        punctuation), with the same filters where its index has them."""
        pages = LegalDocumentPage.objects.live()
        if filters.doc_type:
            pages = pages.filter(doc_type=filters.doc_type)
        if filters.status:
            pages = pages.filter(status=filters.status)
        if filters.year_from:
            pages = pages.filter(issued_on__gte=f"{filters.year_from}-01-01")
        if filters.year_to:
            pages = pages.filter(issued_on__lte=f"{filters.year_to}-12-31")
        words = " ".join(WORD.findall(text))
        if not words:
            return
        with time_limit(self.baseline_timeout) as stopped:
            try:
                [page.url for page in pages.search(words, operator="and")[:20]]
            except OperationalError:
                if not stopped():
                    raise
        if stopped():
            self.baseline_stopped += 1
