from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from base.forms import page_number

from .mixins import FoldedSearchMixin


class ListingIndexPage(FoldedSearchMixin, Page):
    """A section of the site (Văn bản, Chiến dịch, Hướng dẫn, Đào tạo): an intro
    and the live pages below it, newest first, paginated without JavaScript."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = 12

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("folded_search_text"),
    ]
    folded_source_fields = ("title", "intro", "search_description")

    class Meta:
        abstract = True

    def listed_children(self) -> models.QuerySet:
        return self.get_children().live().public().specific().order_by("-first_published_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.listed_children(), self.per_page)
        context["children"] = paginator.get_page(page_number(request.GET))
        return context


class CampaignIndexPage(ListingIndexPage):
    template = "content/listing_index_page.html"
    max_count_per_parent = 1
    subpage_types = ["content.CampaignPage"]

    def listed_children(self) -> models.QuerySet:
        from .pages import CampaignPage

        return CampaignPage.objects.child_of(self).live().public().order_by("-start_date")

    class Meta:
        verbose_name = _("campaign section")


class GuidanceIndexPage(ListingIndexPage):
    template = "content/listing_index_page.html"
    max_count_per_parent = 1
    subpage_types = ["content.GuidancePage"]

    class Meta:
        verbose_name = _("guidance section")
