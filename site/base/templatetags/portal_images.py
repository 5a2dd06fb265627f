"""Wagtail's `{% image %}` and `{% picture %}` tags, with each tag's filters made once.

Wagtail makes new `Filter` objects on every render of an image tag, and each one
works out its operations again by inspecting their signatures (about 0.1 ms a
filter; a gallery of six pictures in two formats and two sizes has 24). A compiled
template is kept for the life of the process (cached loaders), so its tags keep
their filters with it. A `Filter` holds only its spec and the operations read from
it, so one object serves every image and every request.
"""

from django import template

from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

register = template.Library()


class ImageNode(wagtail_tags.ImageNode):
    def get_filter(self):
        try:
            return self._filter
        except AttributeError:
            self._filter = super().get_filter()
            return self._filter


class PictureNode(wagtail_tags.PictureNode):
    def get_filters(self):
        try:
            return self._filters
        except AttributeError:
            self._filters = super().get_filters()
            return self._filters


NODES = {wagtail_tags.ImageNode: ImageNode, wagtail_tags.PictureNode: PictureNode}


@register.tag("image")
@register.tag("picture")
def image(parser, token):
    """Parsed by Wagtail (same syntax, same errors), then kept with its filters."""
    node = wagtail_tags.image(parser, token)
    return NODES[type(node)](
        node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs
    )
