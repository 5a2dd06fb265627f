from __future__ import annotations

from collections.abc import Collection, Iterable

from search.query import ParsedQuery
from search.types import EngineResult, Filters, IndexEntry


class SearchEngine:
    """The interface every engine implements.

    The database engines read search.models.SearchEntry rows directly (their
    full-text structures follow the table); an external engine copies the rows
    it is given in `index`.
    """

    name = "base"

    def index(self, entries: Iterable[IndexEntry]) -> None:
        """Add or replace these rows (all rows of each page given)."""

    def delete_pages(self, page_ids: Iterable[int]) -> None:
        """Forget every row of these pages."""

    def reset(self) -> None:
        """Drop and recreate the index (rebuild_search_index)."""

    def settle(self) -> None:
        """After a bulk load (rebuild_search_index, bench_search): put the index
        in the shape it reaches in daily use, without waiting for maintenance."""

    def search(
        self,
        query: ParsedQuery,
        filters: Filters,
        sort: str,
        offset: int,
        limit: int,
        skip: Collection[int] = (),
    ) -> EngineResult:
        """The page of hits at `offset` of the order without the `skip` documents
        (those the caller shows itself: the number matches), which are counted in
        the total and the facets as any other."""
        raise NotImplementedError
