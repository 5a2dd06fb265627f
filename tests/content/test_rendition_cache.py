"""Renditions in each process's memory: read from the cache, never written again."""

import io

from django.core.cache import caches
from django.core.files.base import ContentFile

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from content.rendition_cache import ProcessRenditionCache

pytestmark = pytest.mark.django_db

SPECS = ("fill-300x200|format-webp", "fill-300x200|format-jpeg")


@pytest.fixture
def rendition_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {"BACKEND": "content.rendition_cache.ProcessRenditionCache"},
    }
    cache = caches["renditions"]
    cache.clear()
    return cache


@pytest.fixture
def image():
    out = io.BytesIO()
    PILImage.new("RGB", (640, 480), (40, 120, 200)).save(out, "JPEG")
    return get_image_model().objects.create(
        title="Lớp học", file=ContentFile(out.getvalue(), name="lop-hoc.jpg"), description="Lớp học"
    )


def test_a_key_held_is_not_written_again():
    cache = ProcessRenditionCache("renditions-test", {})
    cache.set_many({"a": 1})
    cache.set_many({"a": 2, "b": 3})
    assert cache.get_many(["a", "b"]) == {"a": 1, "b": 3}


def test_renditions_come_from_the_cache_without_being_written_back(
    rendition_cache, image, monkeypatch
):
    first = image.get_renditions(*SPECS)
    written = []
    original_set = ProcessRenditionCache.set
    monkeypatch.setattr(
        ProcessRenditionCache,
        "set",
        lambda self, key, *args, **kwargs: (
            written.append(key) or original_set(self, key, *args, **kwargs)
        ),
    )
    again = get_image_model().objects.get(pk=image.pk).get_renditions(*SPECS)
    assert {s: r.file.name for s, r in again.items()} == {s: r.file.name for s, r in first.items()}
    assert written == []
    # a deleted rendition leaves the cache; the new one is written
    image.renditions.filter(filter_spec=SPECS[0]).delete()
    renewed = get_image_model().objects.get(pk=image.pk).get_renditions(*SPECS)
    assert renewed[SPECS[0]].file.name != first[SPECS[0]].file.name
    assert len(written) == 1
