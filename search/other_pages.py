"""Campaigns, guidance, courses…: the pages the search page shows beside the legal
texts, found by Wagtail's search.

Wagtail's search builds and compiles a large statement each time (a quarter of the
search page's work), so what it found for a query is kept in the shared cache. It is
kept with a version that any change to what the search could show replaces: a page
published, unpublished, moved or deleted, a view restriction added or removed.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search.query import And, Or, Phrase, PlainText
from wagtail.signals import page_published, page_unpublished, post_page_move

from base.cache_versions import current_version, renew_version
from content.models import LegalDocumentPage
from search.query import ParsedQuery

VERSION_KEY = "search:other-pages-version"
SHOWN = 5
KEPT_SECONDS = 600


def forget(**kwargs) -> None:
    """Whatever was kept is not read again (it was kept with another version)."""
    renew_version(VERSION_KEY)


def on_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        forget()


def connect() -> None:
    page_published.connect(forget, dispatch_uid="other-pages-published")
    page_unpublished.connect(forget, dispatch_uid="other-pages-unpublished")
    post_page_move.connect(forget, dispatch_uid="other-pages-moved")
    post_delete.connect(on_deleted, dispatch_uid="other-pages-deleted")
    post_save.connect(forget, sender=PageViewRestriction, dispatch_uid="other-pages-restricted")
    post_delete.connect(forget, sender=PageViewRestriction, dispatch_uid="other-pages-opened")


def wagtail_query(parsed: ParsedQuery):
    """Every word (or a synonym of it from the editable glossary: "tố giác" finds the
    guidance that says "báo tin") required. The pages index a folded copy of their text
    (content.models.mixins), so this finds them with or without diacritics; the words
    as typed need not stand together, a synonym is a phrase."""
    return And(
        [
            Or(
                [PlainText(" ".join(t.folded for t in clause[0]), operator="and")]
                + [Phrase(" ".join(t.folded for t in other)) for other in clause[1:]]
            )
            for clause in parsed.clauses
        ]
    )


def search_other_pages(parsed: ParsedQuery) -> list[Page]:
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .not_type(LegalDocumentPage)
        .exclude(depth__lte=1)
        .only("title", "url_path", "search_description", "content_type")  # what the list shows
    )
    found = list(pages.search(wagtail_query(parsed))[:SHOWN])
    for page in found:  # its type, from the content type (no query per page)
        model = page.specific_class
        page.type_label = str(model.get_verbose_name()) if model else ""
    return found


def other_pages(parsed: ParsedQuery) -> list[Page]:
    """The first SHOWN pages other than legal documents, in the visitor's language."""
    if not parsed.clauses:
        return []
    words = [[[t.folded for t in alt] for alt in clause] for clause in parsed.clauses]
    digest = hashlib.sha256(json.dumps(words).encode()).hexdigest()[:32]
    key = f"search:other-pages:{translation.get_language()}:{digest}"
    kept = cache.get_many([VERSION_KEY, key])  # one round trip
    current = kept.get(VERSION_KEY) or current_version(VERSION_KEY)
    if key in kept and kept[key][0] == current:
        return kept[key][1]
    found = search_other_pages(parsed)
    cache.set(key, (current, found), KEPT_SECONDS)
    return found
