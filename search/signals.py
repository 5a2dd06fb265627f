"""The index follows the library at once: publish, unpublish, move, delete; and
the indexes are kept merged after editors publish (search.maintenance)."""

from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import LegalDocumentPage
from search.indexing import index_pages, remove_pages
from search.maintenance import schedule_common_refresh, schedule_merge
from search.other_pages import connect as connect_other_pages


def on_published(sender, instance, **kwargs) -> None:
    index_pages([instance])


def on_unpublished(sender, instance, **kwargs) -> None:
    remove_pages([instance.pk])


def on_moved(sender, instance, **kwargs) -> None:
    page = instance.specific
    if isinstance(page, LegalDocumentPage):
        index_pages([page])


def on_deleted(sender, instance, **kwargs) -> None:
    remove_pages([instance.pk])


def connect() -> None:
    page_published.connect(on_published, sender=LegalDocumentPage, dispatch_uid="search-published")
    page_unpublished.connect(on_unpublished, sender=LegalDocumentPage, dispatch_uid="search-unpub")
    post_page_move.connect(on_moved, dispatch_uid="search-moved")
    post_delete.connect(on_deleted, sender=LegalDocumentPage, dispatch_uid="search-deleted")
    # any page: Wagtail's own index (guidance, campaigns…) is written on publish too
    page_published.connect(schedule_merge, dispatch_uid="search-merge-published")
    page_unpublished.connect(schedule_merge, dispatch_uid="search-merge-unpublished")
    # legal documents: the commonest words' bitmaps are made again after many writes
    for signal, name in ((page_published, "published"), (page_unpublished, "unpublished")):
        signal.connect(
            schedule_common_refresh, sender=LegalDocumentPage, dispatch_uid=f"search-common-{name}"
        )
    post_delete.connect(
        schedule_common_refresh, sender=LegalDocumentPage, dispatch_uid="search-common-deleted"
    )
    connect_other_pages()
