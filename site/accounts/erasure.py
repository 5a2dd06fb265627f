"""What account deletion must also reach (issue 17, finding 7): the admin's
history. Wagtail's log entries and revisions keep an object's label (often a
person's name) after the object is gone; deleting an account scrubs them."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from wagtail.models import ModelLogEntry, PageLogEntry, Revision

PLACEHOLDER = "[đã xoá]"  # "[deleted]": what the admin's history shows instead


def personal_names(user) -> set[str]:
    """The strings that name ``user`` (two characters or more)."""
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    values = {
        user.get_full_name(),
        user.first_name,
        user.last_name,
        user.get_username(),
        user.email,
        profile.full_name if profile else "",
    }
    return {value.strip() for value in values if value and len(value.strip()) >= 2}


def _scrub(text: str, names: set[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        if name.casefold() in text.casefold():
            start = text.casefold().index(name.casefold())
            while start >= 0:
                text = text[:start] + PLACEHOLDER + text[start + len(name) :]
                start = text.casefold().find(name.casefold(), start + len(PLACEHOLDER))
    return text


def _scrub_data(value, names: set[str]):
    if isinstance(value, str):
        return _scrub(value, names)
    if isinstance(value, list):
        return [_scrub_data(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_data(item, names) for key, item in value.items()}
    return value


def _any_of(lookup: str, values) -> Q:
    match = Q(pk__in=[])
    for value in values:
        match |= Q(**{lookup: value})
    return match


def _rows_of(objects: dict[type, list[int]], type_field: str, concrete: bool) -> Q:
    match = Q(pk__in=[])
    for model, pks in objects.items():
        if pks:
            match |= Q(
                **{
                    type_field: ContentType.objects.get_for_model(
                        model, for_concrete_model=concrete
                    ),
                    "object_id__in": [str(pk) for pk in pks],
                }
            )
    return match


def _scrub_log_entries(user, objects: dict[type, list[int]], names) -> int:
    about = _rows_of(objects, "content_type", concrete=False)
    mentions = _any_of("label__icontains", names)
    changed = 0
    for model, match in ((ModelLogEntry, about | mentions), (PageLogEntry, mentions)):
        for entry in model.objects.filter(match | Q(user_id=user.pk)):
            entry.label = (
                PLACEHOLDER
                if model is ModelLogEntry and about_matches(entry, objects)
                else _scrub(entry.label, names)
            )
            entry.data = _scrub_data(entry.data, names)
            if entry.user_id == user.pk:
                entry.user_id = None
            entry.save(update_fields=["label", "data", "user"])
            changed += 1
    return changed


def _scrub_revisions(objects: dict[type, list[int]], names) -> int:
    about = _rows_of(objects, "base_content_type", concrete=True)
    changed = Revision.objects.filter(about).delete()[0]
    for revision in Revision.objects.filter(_any_of("object_str__icontains", names)):
        revision.object_str = _scrub(revision.object_str, names)
        revision.content = _scrub_data(revision.content, names)
        revision.save(update_fields=["object_str", "content"])
        changed += 1
    return changed


def scrub_admin_history(user, objects: dict[type, list[int]]) -> int:
    """Scrub ``user``'s names from Wagtail's log entries and revisions, and the
    entries about ``objects`` (model → primary keys: the account, its profile, its
    training records). Actions and times stay; the actor link is removed. Call
    before the rows are deleted. Returns how many rows were changed."""
    names = personal_names(user)
    return _scrub_log_entries(user, objects, names) + _scrub_revisions(objects, names)


def about_matches(entry, objects: dict[type, list[int]]) -> bool:
    for model, pks in objects.items():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        if entry.content_type_id == content_type.pk and entry.object_id in {str(p) for p in pks}:
            return True
    return False
