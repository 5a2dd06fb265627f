"""What editors publish besides the legal library: campaigns, guidance, news and
topic pages. All of them use the shared blocks (content.blocks), are translated
with wagtail-localize, and need the privacy confirmation before they go live."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Locale, Page
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField

from base.roles import AudiencesField, role_labels
from content.blocks import BodyStreamBlock, ImageBlock, VideoBlock, faq_json_ld

from .legal import LegalDocumentPage, Topic, documents_for_readers_in
from .mixins import FoldedSearchMixin, VietnameseSlugMixin
from .sections import ListingIndexPage

PUBLISH_ACTIONS = ("action-publish", "action-submit")
HOTLINE_CTA = "Gọi 111 – Tổng đài điện thoại quốc gia bảo vệ trẻ em, miễn phí, 24/7"


def check_privacy_confirmed(confirmed: bool | None) -> None:
    """The rule for going live (submitting for approval in the admin form, publishing
    on the model): the editor has confirmed that no child victim is identified."""
    if not confirmed:
        raise ValidationError(
            {
                "privacy_confirmed": _(
                    "Confirm that the page identifies no child victim before it is published."
                )
            }
        )


class PublicPageForm(WagtailAdminPageForm):
    """Drafts may be saved freely; submitting for approval or publishing needs
    the privacy confirmation ticked."""

    def clean(self):
        cleaned = super().clean()
        if any(action in self.data for action in PUBLISH_ACTIONS):
            try:
                check_privacy_confirmed(cleaned.get("privacy_confirmed"))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class PublicPage(VietnameseSlugMixin, FoldedSearchMixin, Page):
    """Shared fields: a summary, a listing/sharing image, a body of shared blocks,
    topics, and the privacy confirmation."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for listings and sharing.")
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used in listings and when the page is shared. Never a child victim."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    privacy_confirmed = models.BooleanField(
        _("this page identifies no child victim"),
        default=False,
        help_text=_(
            "Required to publish: no name, photo, school or address of a child victim, "
            "and nothing that would let anyone work them out."
        ),
    )

    base_form_class = PublicPageForm
    privacy_panel = MultiFieldPanel([FieldPanel("privacy_confirmed")], heading=_("Privacy"))
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("folded_search_text"),
        index.FilterField("locale"),
    ]
    folded_source_fields = ("title", "summary", "search_description")

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        # live_revision is set only while a revision is being published (a new page
        # in the admin form is `live` by default before it is saved as a draft).
        if self.live and self.live_revision_id:
            check_privacy_confirmed(self.privacy_confirmed)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self.refuse_stale_save()
            return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        with transaction.atomic():
            self.refuse_stale_save()
            return super().save_revision(*args, **kwargs)

    def refuse_stale_save(self) -> None:
        """Refuse a save from an editor that loaded the page before it was published.

        Wagtail's autosave can race "Approve and publish": a save that loaded the page
        while it was a draft and lands after the publish would write the page back as
        not live (404) or put a new draft on top of the approved version (LIVE +
        DRAFT), logged as an edit by the approver after the publish. The page row is
        locked (on SQLite the immediate transaction holds the write lock) and its last
        publication compared with the one this instance knows: publishing (newer) and
        unpublishing (the same) pass, a save from before the publication (older) does
        not. The admin's edit view answers PermissionDenied with a message (autosave:
        `invalid_revision`, and the editor offers to reload).
        """
        if self.pk is None or self._state.adding:
            return
        published = (
            type(self)
            .objects.select_for_update()
            .filter(pk=self.pk)
            .values_list("last_published_at", flat=True)
            .first()
        )
        if published and (self.last_published_at is None or self.last_published_at < published):
            raise PermissionDenied(
                _("This page was published after you opened it: reload it to see the latest.")
            )

    @property
    def share_image(self):
        return self.image

    @property
    def share_description(self) -> str:
        return self.search_description or self.summary


class CampaignPage(PublicPage):
    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")

    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    audiences = AudiencesField(_("audiences"))
    key_messages = StreamField(
        [("message", blocks.CharBlock(label=_("message"), max_length=300))],
        blank=True,
        verbose_name=_("key messages"),
    )
    call_to_action = models.CharField(_("call to action"), max_length=200, default=HOTLINE_CTA)
    call_to_action_url = models.CharField(
        _("call to action link"),
        max_length=200,
        default="tel:111",
        help_text=_("tel:111 by default, or a page address."),
    )
    materials = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        blank=True,
        verbose_name=_("materials to download"),
    )
    gallery = StreamField([("image", ImageBlock())], blank=True, verbose_name=_("image gallery"))
    videos = StreamField([("video", VideoBlock())], blank=True, verbose_name=_("videos"))
    related_documents = StreamField(
        [("document", blocks.PageChooserBlock(page_type="content.LegalDocumentPage"))],
        blank=True,
        verbose_name=_("related legal documents"),
    )
    related_courses = StreamField(
        [
            (
                "course",
                blocks.PageChooserBlock(
                    label=_("course"),
                    page_type="learning.CoursePage",
                    help_text=_("Choose a course page from Training."),
                ),
            )
        ],
        blank=True,
        verbose_name=_("related training courses"),
    )

    parent_page_types = ["content.CampaignIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Period")),
        FieldPanel("audiences"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("image"),
        FieldPanel("key_messages"),
        MultiFieldPanel(
            [FieldPanel("call_to_action"), FieldPanel("call_to_action_url")],
            heading=_("Call to action"),
        ),
        FieldPanel("body"),
        FieldPanel("materials"),
        FieldPanel("gallery"),
        FieldPanel("videos"),
        FieldPanel("related_documents"),
        FieldPanel("related_courses"),
        PublicPage.privacy_panel,
    ]

    class Meta:
        verbose_name = _("campaign")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})

    def status_on(self, day: datetime.date) -> str:
        if day < self.start_date:
            return self.Status.UPCOMING
        if day > self.end_date:
            return self.Status.ENDED
        return self.Status.RUNNING

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    def audience_labels(self) -> list[str]:
        return role_labels(self.audiences)

    def related_pages(self, stream) -> list[Page]:
        pages = []
        for block in stream:
            page = block.value
            if page is None:
                continue
            page = page.localized.specific
            if page.live:
                pages.append(page)
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["legal_documents"] = self.related_pages(self.related_documents)
        context["courses"] = self.related_pages(self.related_courses)
        return context


def running_campaign(locale: Locale | None = None) -> CampaignPage | None:
    """The campaign running today (the one that started last), in the given locale."""
    today = timezone.localdate()
    pages = CampaignPage.objects.live().public().filter(start_date__lte=today, end_date__gte=today)
    if locale is not None:
        pages = pages.filter(locale=locale)
    return pages.order_by("-start_date").first()


def current_campaign(locale: Locale | None = None) -> CampaignPage | None:
    """The running campaign (the one that started last); otherwise the next one;
    otherwise the last one. One query: the running and the next campaign come first,
    in the order that puts the wanted one on top."""
    today = timezone.localdate()
    pages = CampaignPage.objects.live().public()
    if locale is not None:
        pages = pages.filter(locale=locale)
    running = Q(start_date__lte=today, end_date__gte=today)
    upcoming = Q(start_date__gt=today)
    rank = Case(When(running, then=Value(0)), When(upcoming, then=Value(1)), default=Value(2))
    return pages.order_by(
        rank,
        # running: latest start first; upcoming: soonest start first; past: latest end
        Case(When(running, then=F("start_date"))).desc(nulls_last=True),
        Case(When(upcoming, then=F("start_date"))).asc(nulls_last=True),
        F("end_date").desc(nulls_last=True),
    ).first()


class GuidancePage(PublicPage):
    class Audience(models.TextChoices):
        PARENTS = "parents", _("Parents and caregivers")
        CHILDREN = "children", _("Children and young people")
        TEACHERS = "teachers", _("Teachers")
        EVERYONE = "everyone", _("Everyone")

    audience = models.CharField(
        _("written for"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )

    parent_page_types = ["content.GuidanceIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("image"),
        FieldPanel("body"),
        PublicPage.privacy_panel,
    ]

    class Meta:
        verbose_name = _("guidance page")

    @cached_property
    def faq_json_ld(self) -> str:
        return faq_json_ld(self.body)


class ArticleIndexPage(ListingIndexPage):
    template = "content/listing_index_page.html"
    max_count_per_parent = 1
    subpage_types = ["content.ArticlePage"]

    class Meta:
        verbose_name = _("news section")

    def listed_children(self) -> models.QuerySet:
        return ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")


class ArticlePage(PublicPage):
    date = models.DateField(_("date"), default=datetime.date.today)
    author = models.CharField(_("author"), max_length=150, blank=True)

    parent_page_types = ["content.ArticleIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("image"),
        FieldPanel("body"),
        PublicPage.privacy_panel,
    ]

    class Meta:
        verbose_name = _("news article")


class TopicIndexPage(ListingIndexPage):
    template = "content/listing_index_page.html"
    max_count_per_parent = 1
    subpage_types = ["content.TopicPage"]

    class Meta:
        verbose_name = _("topics section")

    def listed_children(self) -> models.QuerySet:
        """The topic pages that have something to show in this language (a reader
        is never sent to an empty topic)."""
        return (
            TopicPage.objects.child_of(self)
            .live()
            .public()
            .filter(topic__in=topics_with_content(self.locale))
            .order_by("title")
        )


def topics_with_content(locale) -> set[int]:
    """Ids of the topics that tag at least one live page a reader of `locale` sees."""
    ids: set[int] = set(
        documents_for_readers_in(locale).values_list("topics", flat=True).distinct()
    )
    for model in (CampaignPage, GuidancePage, ArticlePage):
        ids.update(
            model.objects.live().public().filter(locale=locale).values_list("topics", flat=True)
        )
    ids.discard(None)
    return ids


class TopicPage(PublicPage):
    """Everything published on one theme: documents, campaigns, guidance, news and
    courses tagged with the topic, in the visitor's language."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="pages"
    )

    parent_page_types = ["content.TopicIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        PublicPage.privacy_panel,
    ]
    listing_size = 6

    class Meta:
        verbose_name = _("topic page")

    def gathered(self) -> list[tuple[str, list[Page]]]:
        groups = [
            (_("Legal documents"), LegalDocumentPage, "-first_published_at"),
            (_("Campaigns"), CampaignPage, "-start_date"),
            (_("Guidance"), GuidancePage, "-first_published_at"),
            (_("News"), ArticlePage, "-date"),
        ]
        found = []
        for label, model, order in groups:
            if model is LegalDocumentPage:
                # Most texts exist in Vietnamese only: readers of another language see them.
                listed = documents_for_readers_in(self.locale)
            else:
                listed = model.objects.live().public().filter(locale=self.locale)
            pages = list(listed.filter(topics=self.topic).order_by(order)[: self.listing_size])
            if pages:
                found.append((label, pages))
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.gathered()
        return context
