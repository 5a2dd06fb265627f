"""`{% image %}` and `{% picture %}` (base/templatetags/portal_images.py): the markup
Wagtail gives, made once and kept until what it is made of changes."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Engine, TemplateSyntaxError

from wagtail.images.models import Filter, Image

import pytest
import wagtail_factories

pytestmark = pytest.mark.django_db

TAGS = (
    '{% picture photo format-{webp,jpeg} fill-{320x240,640x480} sizes="50vw" alt=alt %}'
    '{% image photo fill-640x360 format-webp alt="" class="poster" %}'
)


def template(library: str):
    return Engine.get_default().from_string("{% load " + library + " %}" + TAGS)


def render(library: str, photo, alt: str = "Tranh cổ động") -> str:
    return template(library).render(Context({"photo": photo, "alt": alt}))


@pytest.fixture
def photo():
    return wagtail_factories.ImageFactory(file__width=1600, file__height=900)


def test_pictures_are_marked_up_as_by_wagtail(photo):
    first = render("portal_images", photo)
    assert first == render("wagtailimages_tags", photo)
    assert render("portal_images", photo) == first  # the kept markup
    assert first.count("<source") == 1 and 'type="image/webp"' in first
    assert 'alt="Tranh cổ động"' in first and 'class="poster"' in first


def test_a_picture_shown_again_is_not_made_again(photo, monkeypatch):
    """Wagtail makes new filters and reads every rendition on every render."""
    other = wagtail_factories.ImageFactory(file__width=800, file__height=800)
    expected_other = render("wagtailimages_tags", other, alt="Ảnh")
    compiled = template("portal_images")
    shown = compiled.render(Context({"photo": photo, "alt": "Ảnh"}))
    made, read = [], []
    original_init, original_read = Filter.__init__, Image.get_renditions

    def counting_init(self, spec=None):
        made.append(spec)
        original_init(self, spec)

    def counting_read(self, *filters):
        read.append(filters)
        return original_read(self, *filters)

    monkeypatch.setattr(Filter, "__init__", counting_init)
    monkeypatch.setattr(Image, "get_renditions", counting_read)
    assert compiled.render(Context({"photo": photo, "alt": "Ảnh"})) == shown
    assert made == [] and read == []
    # another image, or the same one with other alt text, has markup of its own
    assert compiled.render(Context({"photo": other, "alt": "Ảnh"})) == expected_other != shown
    assert 'alt="Ảnh khác"' in compiled.render(Context({"photo": photo, "alt": "Ảnh khác"}))


def test_a_moved_focal_point_or_a_new_file_shows_at_once(photo):
    before = render("portal_images", photo)
    photo.focal_point_x, photo.focal_point_y = 1500, 100
    photo.focal_point_width = photo.focal_point_height = 100
    photo.save()
    cropped = render("portal_images", photo)
    assert cropped != before
    assert cropped == render("wagtailimages_tags", photo)

    # as Wagtail's image editor does: a new file, and the old renditions deleted
    photo.file = SimpleUploadedFile("moi.png", wagtail_factories.ImageFactory.build().file.read())
    photo.save()
    photo.renditions.all().delete()
    replaced = render("portal_images", photo)
    assert "moi" in replaced and replaced == render("wagtailimages_tags", photo)


def test_a_tag_without_a_filter_is_refused_as_by_wagtail():
    with pytest.raises(TemplateSyntaxError, match="at least one filter spec"):
        Engine.get_default().from_string("{% load portal_images %}{% picture photo %}")
