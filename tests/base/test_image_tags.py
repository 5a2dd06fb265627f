"""`{% image %}` and `{% picture %}` (base/templatetags/portal_images.py): the markup
Wagtail gives, with each tag's filters made once for the life of the template."""

from django.template import Context, Engine, TemplateSyntaxError

from wagtail.images.models import Filter

import pytest
import wagtail_factories

pytestmark = pytest.mark.django_db

PICTURE = (
    '{% picture photo format-{webp,jpeg} fill-{320x240,640x480} sizes="50vw" alt="Ảnh" %}'
    '{% image photo fill-640x360 format-webp alt="" class="poster" %}'
)


def template(library: str):
    engine = Engine.get_default()
    return engine.from_string("{% load " + library + " %}" + PICTURE)


@pytest.fixture
def photo():
    return wagtail_factories.ImageFactory(file__width=1600, file__height=900)


def test_pictures_are_marked_up_as_by_wagtail(photo):
    ours = template("portal_images").render(Context({"photo": photo}))
    wagtails = template("wagtailimages_tags").render(Context({"photo": photo}))
    assert ours == wagtails
    assert ours.count("<source") == 1 and 'type="image/webp"' in ours
    assert 'class="poster"' in ours


def test_each_tag_makes_its_filters_once(photo, monkeypatch):
    """Wagtail makes new filters (and reads their operations again) on every render."""
    made = []
    original = Filter.__init__

    def counting(self, spec=None):
        made.append(spec)
        original(self, spec)

    monkeypatch.setattr(Filter, "__init__", counting)
    compiled = template("portal_images")
    compiled.render(Context({"photo": photo}))
    assert len(made) == 5  # four pictures, one image
    made.clear()
    second = wagtail_factories.ImageFactory(file__width=800, file__height=800)
    compiled.render(Context({"photo": second}))
    compiled.render(Context({"photo": photo}))
    assert made == []


def test_a_tag_without_a_filter_is_refused_as_by_wagtail():
    with pytest.raises(TemplateSyntaxError, match="at least one filter spec"):
        Engine.get_default().from_string("{% load portal_images %}{% picture photo %}")
