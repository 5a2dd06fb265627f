"""What to purge when content changes: exactly the pages that show it.

A page change purges the page, its ancestors (section lists, the home page), its
translations (language links, hreflang), the pages that reference it (Wagtail's
reference index: menus, related links, featured items), the documents citing it or
cited by it, its topics' pages and the search pages. A snippet change purges the pages
that show the snippet; the menu and the footer are on every page, so they purge all.
Purges run after the transaction commits, and are forwarded to a CDN when Wagtail's
frontend cache is configured.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from pagecache import store

# Snippets and settings shown on every page.
EVERYWHERE = ("home.NavigationSettings", "home.FooterSettings")


def page_paths(pages: Iterable[Page]) -> set[str]:
    paths = set()
    for page in pages:
        parts = page.get_url_parts()
        if parts is not None and parts[2]:
            paths.add(parts[2])
    return paths


def search_paths() -> set[str]:
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(reverse("search"))
    return paths


def _referencing_pages(objects: Iterable) -> tuple[set[int], bool]:
    """Ids of the pages referencing any of `objects`, and whether a setting shown on
    every page (the menu) references one of them."""
    page_ids: set[int] = set()
    everywhere = False
    everywhere_types = {apps.get_model(label)._meta.label_lower for label in EVERYWHERE}
    grouped = ReferenceIndex.get_grouped_references_to_in_bulk(list(objects))
    for groups in grouped.values():
        # each group is (the object holding the references, its references)
        for source, _references in groups:
            if isinstance(source, Page):
                page_ids.add(source.pk)
            elif source._meta.label_lower in everywhere_types:
                everywhere = True
    return page_ids, everywhere


def _menu_translation_keys() -> set:
    NavigationSettings = apps.get_model("home", "NavigationSettings")
    ids = {
        block.value["page"].pk
        for settings_row in NavigationSettings.objects.all()
        for block in settings_row.main_menu
        if block.value["page"] is not None
    }
    return set(Page.objects.filter(pk__in=ids).values_list("translation_key", flat=True))


def dependents_of_pages(pages: Iterable[Page]) -> tuple[set[str], bool]:
    """The paths showing these pages, and whether everything must go."""
    pages = list(pages)
    if not pages:
        return set(), False
    Citation = apps.get_model("content", "Citation")
    TopicPage = apps.get_model("content", "TopicPage")
    shown_on: set[int] = set()
    for page in pages:
        shown_on.add(page.pk)
        shown_on.update(page.get_ancestors().filter(depth__gt=1).values_list("pk", flat=True))
        shown_on.update(
            Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
        )
    ids = [p.pk for p in pages]
    shown_on.update(Citation.objects.filter(target_id__in=ids).values_list("source_id", flat=True))
    shown_on.update(
        Citation.objects.filter(source_id__in=ids, target__isnull=False).values_list(
            "target_id", flat=True
        )
    )
    topic_ids = set()
    for page in pages:
        specific = page.specific_deferred
        if hasattr(specific, "topics") and specific.pk:
            topic_ids.update(specific.topics.values_list("pk", flat=True))
    if topic_ids:
        topic_pages = TopicPage.objects.filter(topic_id__in=topic_ids)
        shown_on.update(topic_pages.values_list("pk", flat=True))
    referencing, everywhere = _referencing_pages(pages)
    # the menu (on every page) shows each linked page in the visitor's language, and
    # leaves a section out of another language's menu while it has nothing in it: the
    # first page published in a menu section (or the last one gone) changes every menu
    menu_keys = _menu_translation_keys()
    everywhere = everywhere or bool({p.translation_key for p in pages} & menu_keys)
    for page in pages:
        parent = page.get_parent() if page.depth > 1 else None
        if everywhere or parent is None or parent.translation_key not in menu_keys:
            continue
        first_or_gone = not page.live or page.first_published_at == page.last_published_at
        if first_or_gone and not parent.get_children().live().exclude(pk=page.pk).exists():
            everywhere = True
    shown_on |= referencing
    paths = page_paths(Page.objects.filter(pk__in=shown_on)) | page_paths(pages)
    return paths | search_paths(), everywhere


def purge(paths: Iterable[str] = (), everything: bool = False) -> None:
    """Purge after the current transaction commits (at once outside one)."""
    paths = set(paths)

    def run() -> None:
        if everything:
            store.purge_all()
        else:
            store.purge_paths(paths)
        _purge_frontend_cache(paths, everything)

    transaction.on_commit(run)


def _purge_frontend_cache(paths: set[str], everything: bool) -> None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    if everything:
        paths = page_paths(Page.objects.live().filter(depth__gt=1)) | search_paths()
    urls = [site.root_url + path for site in Site.objects.all() for path in sorted(paths)]
    purge_urls_from_cache(urls)


def purge_pages(pages: Iterable[Page]) -> None:
    paths, everything = dependents_of_pages(pages)
    purge(paths, everything)


# --- signal handlers -------------------------------------------------------------------


def on_page_changed(sender, instance: Page, **kwargs) -> None:
    purge_pages([instance])


def _old_paths(instance: Page, url_path_before: str, url_path_after: str) -> set[str]:
    """The URLs the page and its descendants had before a move or a slug change."""
    new = instance.get_url_parts()
    if new is None or not url_path_after or not new[2]:
        return set()
    common = 0
    for a, b in zip(url_path_before, url_path_after, strict=False):
        if a != b:
            break
        common += 1
    common = url_path_after.rfind("/", 0, common) + 1
    tail_new, tail_old = url_path_after[common:], url_path_before[common:]
    if not new[2].endswith(tail_new):
        return set()
    prefix = new[2][: len(new[2]) - len(tail_new)]
    old = set()
    for path in page_paths(instance.get_descendants(inclusive=True)):
        if path.startswith(prefix + tail_new):
            old.add(prefix + tail_old + path[len(prefix + tail_new) :])
    return old


def on_page_moved(sender, instance: Page, url_path_before: str, url_path_after: str, **kwargs):
    paths, everything = dependents_of_pages(instance.get_descendants(inclusive=True))
    paths |= _old_paths(instance, url_path_before, url_path_after)
    parent_before = kwargs.get("parent_page_before")
    if parent_before is not None:
        paths |= page_paths([parent_before, *parent_before.get_ancestors().filter(depth__gt=1)])
    purge(paths, everything)


def on_slug_changed(sender, instance: Page, instance_before: Page, **kwargs) -> None:
    paths = _old_paths(instance, instance_before.url_path, instance.url_path)
    paths |= page_paths(instance.get_descendants(inclusive=True))
    purge(paths)


def on_everywhere_changed(sender, **kwargs) -> None:
    purge(everything=True)


def on_visibility_changed(sender, **kwargs) -> None:
    """A view restriction, a language or a site changes what any page may show, and
    every page reads them from the shared cache (pagecache.request_memo): purge everything at once
    (the next request already reads them afresh) and again after the commit (a request
    that read the old rows meanwhile)."""
    store.purge_all()
    purge(everything=True)


def on_issuer_changed(sender, instance, **kwargs) -> None:
    LegalDocumentPage = apps.get_model("content", "LegalDocumentPage")
    LegalLibraryPage = apps.get_model("content", "LegalLibraryPage")
    # a predecessor's documents say "now <successor>"
    pages = list(
        LegalDocumentPage.objects.filter(
            Q(issuer_id=instance.pk) | Q(issuer__successor_id=instance.pk)
        )
    )
    paths = page_paths(pages) | page_paths(LegalLibraryPage.objects.all()) | search_paths()
    # documents citing those documents show the issuer in the citation
    Citation = apps.get_model("content", "Citation")
    citing = Citation.objects.filter(target__issuer_id=instance.pk).values_list("source_id")
    paths |= page_paths(Page.objects.filter(pk__in=citing))
    purge(paths)


def _pages_with_topic(topic_id: int) -> list[Page]:
    pages: list[Page] = []
    for model in apps.get_models():
        if issubclass(model, Page) and not model._meta.abstract:
            field = next((f for f in model._meta.get_fields() if f.name == "topics"), None)
            if field is not None and field.many_to_many and field.model is model:
                pages.extend(model.objects.filter(topics__pk=topic_id))
    return pages


def on_topic_changed(sender, instance, **kwargs) -> None:
    TopicPage = apps.get_model("content", "TopicPage")
    lists = [
        apps.get_model("content", name)
        for name in ("LegalLibraryPage", "TopicIndexPage", "CampaignIndexPage", "GuidanceIndexPage")
    ]
    pages = [*_pages_with_topic(instance.pk), *TopicPage.objects.filter(topic_id=instance.pk)]
    paths = page_paths(pages) | search_paths()
    for model in lists:
        paths |= page_paths(model.objects.all())
    purge(paths)


def on_synonym_changed(sender, **kwargs) -> None:
    purge(search_paths())


def on_citation_changed(sender, instance, **kwargs) -> None:
    ids = [i for i in (instance.source_id, instance.target_id) if i]
    purge(page_paths(Page.objects.filter(pk__in=ids)))


def on_referenced_changed(sender, instance, **kwargs) -> None:
    """Images and documents: the pages that show them."""
    page_ids, everywhere = _referencing_pages([instance])
    purge(page_paths(Page.objects.filter(pk__in=page_ids)), everywhere)


def connect() -> None:
    page_published.connect(on_page_changed, dispatch_uid="pagecache_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="pagecache_moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="pagecache_slug")
    for label in EVERYWHERE:
        model = apps.get_model(label)
        post_save.connect(on_everywhere_changed, sender=model, dispatch_uid=f"pc_save_{label}")
        post_delete.connect(on_everywhere_changed, sender=model, dispatch_uid=f"pc_del_{label}")
    handlers = {
        "wagtailcore.PageViewRestriction": on_visibility_changed,
        "wagtailcore.Locale": on_visibility_changed,
        "wagtailcore.Site": on_visibility_changed,
        "content.Issuer": on_issuer_changed,
        "content.Topic": on_topic_changed,
        "content.Citation": on_citation_changed,
        "search.Synonym": on_synonym_changed,
        "wagtailimages.Image": on_referenced_changed,
        "wagtaildocs.Document": on_referenced_changed,
    }
    for label, handler in handlers.items():
        model = apps.get_model(label)
        post_save.connect(handler, sender=model, dispatch_uid=f"pc_save_{label}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"pc_del_{label}")
