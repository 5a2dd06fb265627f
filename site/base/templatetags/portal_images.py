"""Wagtail's `{% image %}` and `{% picture %}` tags: the same markup, made once.

On every render Wagtail makes new `Filter` objects, each working out its operations
again by inspecting their signatures, reads each rendition from the rendition cache and
builds the `srcset`s: about 0.5 ms for a picture in two formats and two sizes, seven
on a campaign page. The markup is kept in the rendition cache under everything it is
made of: the image's file, size, focal point and alternative text, the filters and the
tag's attributes. A new file, a moved focal point or new alt text is a new key; an
entry lives as long as a cached rendition does.
"""

import hashlib

from django import template

from wagtail.images import get_image_model
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

register = template.Library()


def markup_key(image, specs, attrs: dict) -> str:
    made_of = (
        image.pk,
        image.file.name,
        image.width,
        image.height,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
        image.default_alt_text,
        getattr(image, "decorative", None),  # set on the image by Wagtail's ImageBlock
        getattr(image, "contextual_alt_text", None),
        tuple(specs),
        sorted((name, str(value)) for name, value in attrs.items()),
    )
    return "image-markup:" + hashlib.sha256(repr(made_of).encode()).hexdigest()


class KeptMarkup:
    """Kept markup for a tag that renders (not `{% picture … as name %}`)."""

    def render(self, context):
        if self.output_var_name:
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        cache = get_image_model().get_rendition_model().cache_backend
        key = markup_key(image, self.filter_specs, attrs)
        markup = cache.get(key)
        if markup is None:
            markup = super().render(context)
            cache.set(key, markup)
        return markup


class ImageNode(KeptMarkup, wagtail_tags.ImageNode):
    pass


class PictureNode(KeptMarkup, wagtail_tags.PictureNode):
    pass


NODES = {wagtail_tags.ImageNode: ImageNode, wagtail_tags.PictureNode: PictureNode}


@register.tag("image")
@register.tag("picture")
def image(parser, token):
    """Parsed by Wagtail (same syntax, same errors)."""
    node = wagtail_tags.image(parser, token)
    return NODES[type(node)](
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )
