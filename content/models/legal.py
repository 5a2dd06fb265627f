from django.utils.translation import gettext_lazy as _

from .sections import ListingIndexPage


class LegalLibraryPage(ListingIndexPage):
    """The legal library (Văn bản): directives, plans, letters, decisions and laws."""

    template = "content/listing_index_page.html"
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("legal library")
