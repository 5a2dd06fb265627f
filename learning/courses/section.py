from django.utils.translation import gettext_lazy as _

from content.models.sections import ListingIndexPage


class CourseIndexPage(ListingIndexPage):
    """The training section: lists the courses published below it."""

    template = "content/listing_index_page.html"
    max_count_per_parent = 1
    subpage_types = ["learning.CoursePage"]

    class Meta:
        verbose_name = _("training section")
