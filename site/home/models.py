from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
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
    featured_campaign = models.ForeignKey(
        "content.CampaignPage",
        verbose_name=_("featured campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave blank to show the campaign running today."),
    )
    featured_courses = StreamField(
        [
            (
                "course",
                blocks.PageChooserBlock(
                    label=_("course"),
                    page_type="learning.CoursePage",
                    help_text=_("A course page from Training."),
                ),
            )
        ],
        blank=True,
        verbose_name=_("featured courses"),
    )
    latest_count = models.PositiveSmallIntegerField(
        _("how many latest documents and news to show"), default=4
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("featured_campaign"),
        FieldPanel("featured_courses"),
        FieldPanel("latest_count"),
    ]
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

    def route(self, request, path_components):
        """The pages along the path, read in one query by their URL paths, where Wagtail
        reads each child by its slug and then its own row (a lesson is five levels down).
        A page type with routing of its own (a routable page, the legal library) routes
        the rest of the path, as it does under Wagtail's."""
        if not path_components:
            return super().route(request, path_components)
        url_paths = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[: n + 1])
            for n in range(len(path_components))
        ]
        along = {
            page.url_path: page
            # a URL path is unique (slugs are unique among siblings); the slug is indexed
            for page in Page.objects.filter(
                slug__in=set(path_components), url_path__in=url_paths
            ).order_by()
        }
        parent = self
        for n, url_path in enumerate(url_paths):
            page = along.get(url_path)
            if page is None:
                raise Http404
            page._cached_parent_obj = parent  # as Wagtail's route does
            remaining = path_components[n + 1 :]
            # a page whose model was removed routes as a plain Page (Wagtail's `specific`)
            own_route = (page.specific_class or Page).route
            if not remaining or own_route is not Page.route:
                return page.specific.route(request, remaining)
            parent = page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        context.update(self.front_page_items())
        return context

    def sections(self):
        """The sections below the home page, each with its intro as `section_intro`.
        One query: the intro lives in each section type's own table, where
        `.specific()` would read one table per type."""
        from content.models.sections import ListingIndexPage

        # a subquery by primary key per section type (joining all of them is slow on
        # PostgreSQL), on its own table only (no page ordering, so no join to the pages)
        intros = [
            Subquery(model.objects.filter(pk=OuterRef("pk")).order_by().values("intro"))
            for model in apps.get_models()
            if issubclass(model, ListingIndexPage)
        ]
        return (
            self.get_children()
            .live()
            .in_menu()
            .annotate(section_intro=Coalesce(*intros, Value(""), output_field=models.TextField()))
        )

    def front_page_items(self) -> dict:
        from content.models import ArticlePage, current_campaign
        from content.models.legal import as_listed, documents_for_readers_in

        campaign = self.featured_campaign
        if campaign is not None:
            campaign = campaign.localized.specific
            if (
                not campaign.live
                or campaign.locale_id != self.locale_id
                or campaign.status == campaign.Status.ENDED
            ):
                campaign = None
        if campaign is None:
            campaign = current_campaign(self.locale)
        if campaign is not None and campaign.status == campaign.Status.ENDED:
            campaign = None  # an ended campaign is never featured
        documents = as_listed(documents_for_readers_in(self.locale))
        news = (
            ArticlePage.objects.live()
            .public()
            .filter(locale=self.locale)
            .only("title", "url_path", "date")  # what the list shows
        )
        courses = []
        for block in self.featured_courses:
            page = block.value.localized.specific if block.value else None
            if page is not None and page.live:
                courses.append(page)
        return {
            "campaign": campaign,
            "latest_documents": documents.order_by(
                models.F("issued_on").desc(nulls_last=True), "-first_published_at"
            )[: self.latest_count],
            "latest_news": news.order_by("-date", "-pk")[: self.latest_count],
            "featured_courses": courses,
        }


def _has_live_children(page: Page) -> bool:
    return page.get_children().live().exists()


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
            # Outside the default language a section is left out when nothing in it
            # has been translated (no "nothing published yet" pages in the menu).
            if (
                get_language() != settings.LANGUAGE_CODE
                and _has_live_children(page)
                and not _has_live_children(localized)
            ):
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
