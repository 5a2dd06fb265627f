"""The one helper every demo loader uses to write pages: idempotent upserts.

Demo content is data (JSON files beside each app's loader); ``upsert_page``
creates a page or brings it up to date, and publishes a revision only when
something changed, so running ``load_demo`` twice changes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wagtail.models import Locale, Page


def stream(blocks: list[Mapping[str, Any]]) -> list[tuple[str, Any]]:
    """A StreamField value from its JSON form (``[{"type": …, "value": …}]``)."""
    return [(block["type"], block["value"]) for block in blocks]


def _strip_ids(value):
    """A stream's raw value without the generated block ids, to compare content."""
    if isinstance(value, list):
        return [_strip_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: _strip_ids(item) for key, item in value.items() if key != "id"}
    return value


def differs(current, wanted) -> bool:
    """Whether a page field's value is not yet ``wanted`` (streams compared by
    content, many-to-many fields by the rows they hold)."""
    if hasattr(current, "stream_block"):
        block = current.stream_block
        return _strip_ids(block.get_prep_value(current)) != _strip_ids(
            block.get_prep_value(block.normalize(wanted))
        )
    if hasattr(current, "all"):
        return {item.pk for item in current.all()} != {item.pk for item in wanted}
    return current != wanted


def update_page(page: Page, fields: Mapping[str, Any]) -> Page:
    """``page`` brought up to ``fields``; a revision is published only on a change."""
    if page.live and not any(differs(getattr(page, n), v) for n, v in fields.items()):
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def upsert_page(parent: Page, model: type[Page], slug: str, fields: Mapping[str, Any]) -> Page:
    """The child ``slug`` of ``parent``, created or updated to ``fields`` and published."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug)
        for name, value in fields.items():
            setattr(page, name, value)
        page.live = False
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page
    return update_page(page, fields)


def upsert_translation(page: Page, locale: Locale, fields: Mapping[str, Any]) -> Page:
    """``page`` in ``locale`` (copied for translation the first time), updated to
    ``fields`` and published."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True, alias=False)
    return update_page(translation.specific, fields)
