from django.utils.html import strip_tags

from base.vietnamese import fold


class FoldedSearchMixin:
    """Adds a folded copy (no diacritics, đ = d) of a page's text to Wagtail's
    search index, so that a query typed without diacritics, folded the same way
    (search.views.other_pages), finds the page on every database backend."""

    folded_source_fields: tuple[str, ...] = ("title", "search_description")

    def folded_search_text(self) -> str:
        parts = [
            strip_tags(str(getattr(self, name, "") or "")) for name in self.folded_source_fields
        ]
        return fold(" ".join(parts))
