"""A page's translations, read once for everything on the page that names them (the
hreflang links in the head and the language switcher)."""

from __future__ import annotations

from wagtail.models import Page

_ATTRIBUTE = "_translations_by_locale"


def translations_by_locale(page: Page) -> dict[int, Page]:
    """Every translation of `page`, this page included, by locale id (one query per page
    object; the page itself is the one given, not a copy). The others are read as plain
    `Page` rows: callers want their URL, language and state, and a specific page's row
    (a document has some 80 columns) costs more to build the query for than to read."""
    known = page.__dict__.get(_ATTRIBUTE)
    if known is None:
        known = {
            other.locale_id: other
            for other in Page.objects.filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .order_by()
            if other.locale_id != page.locale_id
        }
        known[page.locale_id] = page
        page.__dict__[_ATTRIBUTE] = known
    return known
