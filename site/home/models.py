from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from content.models.mixins import FoldedSearchMixin


class HomePage(FoldedSearchMixin, Page):
    """The site root in each language."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("folded_search_text"),
    ]
    folded_source_fields = ("title", "intro", "search_description")
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().in_menu().specific()
        return context


class MenuLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    label = blocks.CharBlock(
        label=_("label"), required=False, help_text=_("Leave blank to use the page title.")
    )

    class Meta:
        icon = "link"
        label = _("link")


@register_setting(icon="list-ul")
class NavigationSettings(BaseGenericSetting):
    """Main menu. Each link shows the page in the visitor's language, and is left
    out where that page has no translation in it."""

    main_menu = StreamField([("link", MenuLinkBlock())], blank=True, verbose_name=_("main menu"))

    panels = [FieldPanel("main_menu")]

    class Meta:
        verbose_name = _("navigation")

    def menu_items(self) -> list[dict]:
        locale = Locale.get_active()
        items = []
        for block in self.main_menu:
            page = block.value["page"]
            if page is None:
                continue
            localized = page.localized
            if localized.locale_id != locale.id or not localized.live:
                continue
            label = block.value["label"] if get_language() == "vi" else ""
            items.append(
                {"url": localized.url, "label": label or localized.title, "page": localized}
            )
        return items


@register_setting(icon="doc-full")
class FooterSettings(BaseGenericSetting):
    about = RichTextField(_("footer text"), blank=True, features=["bold", "link"])
    about_en = RichTextField(_("footer text (English)"), blank=True, features=["bold", "link"])
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    panels = [FieldPanel("about"), FieldPanel("about_en"), FieldPanel("contact_email")]

    class Meta:
        verbose_name = _("footer")

    def about_for_language(self) -> str:
        return self.about_en if get_language() == "en" and self.about_en else self.about
