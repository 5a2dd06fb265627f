"""Measuring the search on judged queries (content/fixtures/legal_corpus/queries.tsv).

The corpus texts are imported through the normal import path (parse_text,
import_document), beside the demo documents as distractors, inside a transaction
that is rolled back: nothing stays in the database.

Judgements: `relevant` documents are what the query asks for (gain 2), the
`also_relevant` ones are acceptable (gain 1). Number queries must bring a
relevant document first. A no-diacritics twin (a query equal to another one's
folded form) must return the same first three documents. Queries with no
relevant document only check that they are reported.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from base.vietnamese import fold

CORPUS = Path(settings.BASE_DIR) / "content" / "fixtures" / "legal_corpus"
QUERIES = CORPUS / "queries.tsv"
CUTOFF = 10
NUMBER_CATEGORIES = {"number", "number-phrase"}


@dataclass(frozen=True)
class Judged:
    id: str
    query: str
    relevant: tuple[str, ...]
    also_relevant: tuple[str, ...]
    category: str
    notes: str = ""

    @property
    def is_number(self) -> bool:
        return self.category in NUMBER_CATEGORIES


@dataclass
class Outcome:
    judged: Judged
    ranked: list[str]  # file names of the first results (demo documents as "demo:<title>")

    @property
    def first_relevant_rank(self) -> int | None:
        for rank, name in enumerate(self.ranked[:CUTOFF], start=1):
            if name in self.judged.relevant:
                return rank
        return None

    @property
    def reciprocal_rank(self) -> float:
        rank = self.first_relevant_rank
        return 1 / rank if rank else 0.0

    @property
    def recall(self) -> float:
        found = set(self.ranked[:CUTOFF]) & set(self.judged.relevant)
        return len(found) / len(self.judged.relevant)

    @property
    def ndcg(self) -> float:
        gains = dict.fromkeys(self.judged.relevant, 2)
        gains.update({n: 1 for n in self.judged.also_relevant if n not in gains})
        dcg = sum(
            gains.get(name, 0) / math.log2(rank + 1)
            for rank, name in enumerate(self.ranked[:CUTOFF], start=1)
        )
        ideal = sorted(gains.values(), reverse=True)[:CUTOFF]
        best = sum(g / math.log2(rank + 1) for rank, g in enumerate(ideal, start=1))
        return dcg / best if best else 0.0


@dataclass
class Report:
    outcomes: list[Outcome]
    twins: list[tuple[Outcome, Outcome]] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)

    def _mean(self, values: list[float]) -> float:
        return sum(values) / len(values) if values else 1.0

    @property
    def answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.judged.relevant]

    @property
    def number_success_at_1(self) -> float:
        numbers = [o for o in self.answerable if o.judged.is_number]
        return self._mean([1.0 if o.first_relevant_rank == 1 else 0.0 for o in numbers])

    @property
    def mrr(self) -> float:
        return self._mean([o.reciprocal_rank for o in self.answerable])

    @property
    def ndcg(self) -> float:
        return self._mean([o.ndcg for o in self.answerable])

    @property
    def recall(self) -> float:
        return self._mean([o.recall for o in self.answerable])

    @property
    def accent_agreement(self) -> float:
        return self._mean([1.0 if a.ranked[:3] == b.ranked[:3] else 0.0 for a, b in self.twins])

    def misses(self) -> list[Outcome]:
        """Answerable queries whose first result is not a relevant document, and
        twins that disagree."""
        return [o for o in self.answerable if o.first_relevant_rank != 1]

    def disagreeing_twins(self) -> list[tuple[Outcome, Outcome]]:
        return [(a, b) for a, b in self.twins if a.ranked[:3] != b.ranked[:3]]

    def result_line(self) -> str:
        return (
            f"RESULT queries={len(self.outcomes)} "
            f"number_success_at_1={self.number_success_at_1:.3f} "
            f"mrr_at_10={self.mrr:.3f} ndcg_at_10={self.ndcg:.3f} "
            f"recall_at_10={self.recall:.3f} accent_agreement={self.accent_agreement:.3f}"
        )

    def lines(self) -> list[str]:
        out = [f"NOT IMPORTED {line}" for line in self.not_imported]
        out.append(f"{len(self.outcomes)} queries, {len(self.answerable)} with a relevant document")
        for outcome in self.misses():
            judged = outcome.judged
            rank = outcome.first_relevant_rank
            out.append(
                f"MISS {judged.id} [{judged.category}] {judged.query!r}: "
                f"first relevant at {rank or 'none in ' + str(CUTOFF)}; first came "
                f"{outcome.ranked[0] if outcome.ranked else 'nothing'}"
            )
        for a, b in self.disagreeing_twins():
            out.append(
                f"TWIN {a.judged.id}/{b.judged.id} {a.judged.query!r}: "
                f"{a.ranked[:3]} vs {b.ranked[:3]}"
            )
        for outcome in self.outcomes:
            if not outcome.judged.relevant and outcome.ranked:
                out.append(
                    f"NO-ANSWER {outcome.judged.id} {outcome.judged.query!r}: "
                    f"{len(outcome.ranked)}+ results, first {outcome.ranked[0]}"
                )
        out.append(self.result_line())
        return out


def _names(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def load_queries(path: Path | str = QUERIES) -> list[Judged]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Judged(
                id=row["id"],
                query=row["query"],
                relevant=_names(row.get("relevant") or ""),
                also_relevant=_names(row.get("also_relevant") or ""),
                category=(row.get("category") or "").strip(),
                notes=row.get("notes") or "",
            )
            for row in rows
            if row.get("id") and row.get("query")
        ]


def twins_of(outcomes: list[Outcome]) -> list[tuple[Outcome, Outcome]]:
    """Pairs (accented query, the same query typed without diacritics)."""
    by_text = {" ".join(o.judged.query.casefold().split()): o for o in outcomes}
    pairs = []
    for outcome in outcomes:
        text = " ".join(outcome.judged.query.casefold().split())
        plain = fold(text)
        if plain != text and plain in by_text:
            pairs.append((outcome, by_text[plain]))
    return pairs


def import_corpus(library, texts: Path = CORPUS / "texts") -> tuple[dict[int, str], list[str]]:
    """Import and publish every corpus text: page id -> file name, and the files
    the importer could not read (they count as never found)."""
    from content.importer import UnreadableFile, extract_text, parse_text
    from content.legal_import import import_document

    names: dict[int, str] = {}
    failed: list[str] = []
    for path in sorted(texts.glob("*.txt")):
        try:
            parsed = parse_text(extract_text(path))
        except UnreadableFile as error:
            failed.append(f"{path.name}: {error}")
            continue
        result = import_document(
            parsed,
            library=library,
            original=path.read_bytes(),
            filename=path.name,
            publish=True,
        )
        if result.page.pk in names:
            failed.append(f"{path.name}: imported as a revision of {names[result.page.pk]}")
        names[result.page.pk] = path.name
    return names, failed


def run_queries(
    judged: Iterable[Judged], names: dict[int, str], search: Callable[[str], list[int]]
) -> Report:
    outcomes = [Outcome(j, [names.get(pk, f"demo:{pk}") for pk in search(j.query)]) for j in judged]
    return Report(outcomes=outcomes, twins=twins_of(outcomes))


def search_ids(query: str) -> list[int]:
    from search.service import search_documents
    from search.types import SearchRequest

    response = search_documents(SearchRequest(query=query, per_page=CUTOFF))
    return [r.hit.page_id for r in response.hits]


class _Rollback(Exception):
    pass


def evaluate(path: Path | str = QUERIES, *, keep: bool = False) -> Report:
    """Import the corpus, run every judged query, and roll everything back
    (unless `keep`, for a test that is already inside a transaction)."""
    judged = load_queries(path)
    report: Report | None = None
    try:
        with transaction.atomic():
            library = _library()
            names, failed = import_corpus(library)
            report = run_queries(judged, names, search_ids)
            report.not_imported = failed
            if not keep:
                raise _Rollback
    except _Rollback:
        pass
    assert report is not None
    return report


def _library():
    from content.demo import load_legal_library
    from content.models import LegalLibraryPage

    library = LegalLibraryPage.objects.first()
    if library is None:  # an empty site: a library under its home page
        from wagtail.models import Site

        home = Site.objects.get(is_default_site=True).root_page
        library = home.add_child(instance=LegalLibraryPage(title="Văn bản", slug="van-ban"))
    load_legal_library(library)  # the demo documents, as distractors
    return library
