"""Original files of legal documents stay private until their page is published.

An imported original becomes a Wagtail document in the "Văn bản gốc chưa công
bố" collection, whose view restriction admits only the editorial groups (and
superusers). When the page is published the document moves to the root
collection and becomes public like any other document.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group

from wagtail.models import Collection, CollectionViewRestriction

PRIVATE_COLLECTION = "Văn bản gốc chưa công bố"
#: Groups that may download an original before publication (created by migrations).
EDITORIAL_GROUPS = ("Biên tập viên", "Người duyệt", "Editors", "Moderators")


def private_collection() -> Collection:
    """The restricted collection, created (with its restriction) on first use."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PRIVATE_COLLECTION).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=PRIVATE_COLLECTION))
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=EDITORIAL_GROUPS))
    return collection


def release_original(page: Any) -> None:
    """Move a published page's original out of the private collection."""
    document = getattr(page, "original_file", None)
    if document is None or document.collection.name != PRIVATE_COLLECTION:
        return
    document.collection = Collection.get_first_root_node()
    document.save(update_fields=["collection"])


def on_page_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    release_original(instance.specific)
