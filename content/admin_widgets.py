"""The admin's slug field with the Vietnamese folding of content.slugs."""

from wagtail.admin.widgets import SlugInput

from content.slugs import slug_formatters


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug field, folding Vietnamese letters the way slugify_vi does."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or slug_formatters(), locale=locale)
