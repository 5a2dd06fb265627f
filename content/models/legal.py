import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from base.vietnamese import normalise_number
from content.importer import DOC_TYPES
from content.legal_render import document_context

from .sections import ListingIndexPage


class Issuer(index.Indexed, models.Model):
    """An issuing body (cơ quan ban hành), current or historical.

    District-level bodies were abolished in July 2025 and many units merged: an
    old issuer keeps its name and records the body that took it over.
    """

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District (abolished July 2025)")
        COMMUNE = "commune", _("Commune")

    name = models.CharField(_("name"), max_length=255, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    province = models.ForeignKey(
        "base.AdministrativeUnit",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"level": "province"},
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("taken over by (after a merger)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("province"),
        FieldPanel("successor"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


register_snippet(Issuer)


class Topic(models.Model):
    """A theme the texts keep returning to (domain.md), used to filter and gather."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    keywords = models.TextField(
        _("words that suggest this topic"),
        blank=True,
        help_text=_(
            "One word or phrase per line, with or without diacritics. An imported text "
            "that uses one of them gets this topic suggested."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("keywords")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the reader's language (the English name on the English site)."""
        from django.utils.translation import get_language

        english = (get_language() or "vi").startswith("en")
        return self.name_en if english and self.name_en else self.name


register_snippet(Topic)


#: the type names for readers of another language (the Vietnamese name is the msgstr)
DOC_TYPE_LABELS = {
    "LUAT": pgettext_lazy("document type", "Law"),
    "BL": pgettext_lazy("document type", "Code"),
    "PL": pgettext_lazy("document type", "Ordinance"),
    "ND": pgettext_lazy("document type", "Decree"),
    "NQ": pgettext_lazy("document type", "Resolution"),
    "QD": pgettext_lazy("document type", "Decision"),
    "CT": pgettext_lazy("document type", "Directive"),
    "TT": pgettext_lazy("document type", "Circular"),
    "TTLT": pgettext_lazy("document type", "Joint circular"),
    "KH": pgettext_lazy("document type", "Plan"),
    "HD": pgettext_lazy("document type", "Guidance"),
    "CV": pgettext_lazy("document type", "Official letter"),
    "CD": pgettext_lazy("document type", "Official dispatch"),
    "CTR": pgettext_lazy("document type", "Programme"),
    "TB": pgettext_lazy("document type", "Notice"),
    "TC": pgettext_lazy("document type", "Communiqué"),
    "BC": pgettext_lazy("document type", "Report"),
    "BB": pgettext_lazy("document type", "Minutes"),
    "QC": pgettext_lazy("document type", "Regulation"),
    "QYD": pgettext_lazy("document type", "Rules"),
    "DA": pgettext_lazy("document type", "Scheme"),
    "PA": pgettext_lazy("document type", "Action plan"),
    "TTR": pgettext_lazy("document type", "Submission"),
    "VBHN": pgettext_lazy("document type", "Consolidated text"),
}


#: what a list of documents shows of each one (the library, the home page, search results)
LISTED_FIELDS = (
    *("title", "url_path", "locale__language_code", "doc_type", "number", "status"),
    *("issued_on", "issued_precision", "issuer__name"),
)


def as_listed(documents: models.QuerySet) -> models.QuerySet:
    """`documents` read with what a list shows of each: a document's row has some 80
    columns, and building the query for all of them costs more than running it."""
    return documents.select_related("issuer", "locale").only(*LISTED_FIELDS)


def documents_for_readers_in(locale: Locale) -> models.QuerySet:
    """Live public documents for readers of `locale`: its own translations, and the
    Vietnamese originals of every text not translated into it (most texts exist only
    in Vietnamese, and a reader of the English site still needs them)."""
    live = LegalDocumentPage.objects.live().public()
    default = Locale.get_default()
    if locale.pk == default.pk:
        return live.filter(locale=locale)
    translated = LegalDocumentPage.objects.filter(locale=locale).values("translation_key")
    return live.filter(Q(locale=locale) | Q(locale=default) & ~Q(translation_key__in=translated))


class LegalLibraryPage(ListingIndexPage):
    """The legal library (Văn bản): directives, plans, letters, decisions and laws,
    newest first, filtered by type, issuer, year, validity and topic (plain GET
    parameters, so filters and pagination work without JavaScript)."""

    max_count_per_parent = 1
    subpage_types = ["content.LegalDocumentPage"]
    per_page = 20

    class Meta:
        verbose_name = _("legal library")

    def documents(self) -> models.QuerySet:
        """The documents under this library or its other-language versions."""
        from content.translations import translations_by_locale

        under = Q()
        for library in translations_by_locale(self).values():
            under |= Q(path__startswith=library.path, depth=library.depth + 1)
        return (
            as_listed(documents_for_readers_in(self.locale))
            .filter(under)
            .order_by(models.F("issued_on").desc(nulls_last=True), "-first_published_at")
        )

    def route(self, request, path_components):
        """A document is read in one query with what its page shows (its issuer, the
        issuer's successor and province, the original file), where Wagtail reads the
        child, then its own row, then each of those."""
        if path_components:
            slug, *remaining = path_components
            document = (
                LegalDocumentPage.objects.child_of(self)
                .filter(slug=slug)
                .select_related("issuer__successor", "issuer__province", "original_file")
                .first()
            )
            if document is not None:
                document._cached_parent_obj = self  # as Wagtail's route does
                return document.route(request, remaining)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from content.legal_filters import filter_documents

        context = super(ListingIndexPage, self).get_context(request, *args, **kwargs)
        context.update(filter_documents(self.documents(), request.GET, self.per_page))
        return context


# Fields (lĩnh vực) as the public legal libraries classify documents.
FIELDS = [
    ("tre-em", _("Children")),
    ("van-hoa-xa-hoi", _("Culture and society")),
    ("giao-duc", _("Education")),
    ("lao-dong", _("Labour and social affairs")),
    ("y-te", _("Health")),
    ("an-ninh-trat-tu", _("Public order and safety")),
    ("cong-nghe-thong-tin", _("Information technology")),
    ("bo-may-hanh-chinh", _("Administration")),
]


class LegalDocumentPage(RoutablePageMixin, Page):
    """One legal or administrative document with its metadata and structured text.

    Its downloads live under the page: `tai-ve/pdf/` (made from the text) and
    `tai-ve/ban-goc/` (the original file), saved under names that say what they are.
    """

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month (day left blank)")
        YEAR = "year", _("year only")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        NOT_YET = "not_yet", _("Not yet in force")
        PARTLY_EXPIRED = "partly_expired", _("Partly expired")
        SUSPENDED = "suspended", _("Suspended")
        EXPIRED = "expired", _("Expired")
        UNKNOWN = "unknown", _("Unknown")

    doc_type = models.CharField(
        _("document type"), max_length=10, choices=sorted(DOC_TYPES.items()), blank=True
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=80,
        blank=True,
        help_text=_("As printed, e.g. 03/KH-UBND. Leave blank when the document has no number."),
    )
    number_key = models.CharField(max_length=80, blank=True, db_index=True, editable=False)
    symbol = models.CharField(_("symbol"), max_length=60, blank=True)
    issuer = models.ForeignKey(
        Issuer,
        verbose_name=_("issuing body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    place = models.CharField(_("place"), max_length=120, blank=True)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    issued_precision = models.CharField(
        _("precision of the date"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    effective_on = models.DateField(_("date in force"), null=True, blank=True)
    status = models.CharField(
        _("validity"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNKNOWN,
        editable=False,
        help_text=_("Worked out from the date in force and the texts that replace or amend it."),
    )
    status_override = models.CharField(
        _("validity set by hand"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text=_("Leave blank to let the library work it out."),
    )
    status_reason = models.CharField(
        _("reason for setting the validity by hand"), max_length=255, blank=True
    )
    full_title = models.TextField(
        _("full title (trích yếu)"),
        blank=True,
        help_text=_("The whole title as printed; the page title above may be shorter."),
    )
    subject = models.TextField(_("subject (trích yếu)"), blank=True)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    signer_authority = models.CharField(
        _("signing authority"),
        max_length=200,
        blank=True,
        help_text=_("e.g. TM. Ủy ban nhân dân; KT. Chủ tịch"),
    )
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    addressees = models.TextField(
        _("addressees (Kính gửi)"), blank=True, help_text=_("One per line.")
    )
    recipients = models.TextField(
        _("recipients (Nơi nhận)"), blank=True, help_text=_("One per line.")
    )
    preamble = models.TextField(_("preamble"), blank=True)
    closing = models.TextField(_("closing paragraphs"), blank=True)
    field = models.CharField(_("field (lĩnh vực)"), max_length=30, choices=FIELDS, blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    original_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("original file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    import_notes = models.JSONField(_("import notes"), default=dict, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("doc_type"), FieldPanel("number"), FieldPanel("symbol")]),
                FieldPanel("issuer"),
                FieldRowPanel(
                    [FieldPanel("place"), FieldPanel("issued_on"), FieldPanel("issued_precision")]
                ),
                FieldPanel("full_title"),
                FieldRowPanel(
                    [
                        FieldPanel("effective_on"),
                        FieldPanel("status_override"),
                        FieldPanel("status_reason"),
                    ]
                ),
                FieldPanel("subject"),
                FieldRowPanel(
                    [
                        FieldPanel("signer_authority"),
                        FieldPanel("signer_title"),
                        FieldPanel("signer_name"),
                    ]
                ),
                FieldRowPanel([FieldPanel("field"), FieldPanel("topics")]),
                FieldPanel("original_file"),
            ],
            heading=_("Metadata"),
        ),
        FieldPanel("addressees"),
        FieldPanel("preamble"),
        InlinePanel("sections", heading=_("Structured text"), label=_("section")),
        FieldPanel("closing"),
        InlinePanel("footnotes", heading=_("Footnotes"), label=_("footnote")),
        FieldPanel("recipients"),
    ]
    # In Wagtail's index only what the admin's page search, explorer and chooser
    # look up (they autocomplete): the title and the number. Visitors search the
    # texts through the search app's own index; text indexed here too would be
    # matched, and then dropped, by every search of the other pages (a common word
    # is in every document: 76 ms at 10,000 documents).
    search_fields = [
        *(field for field in Page.search_fields if not isinstance(field, index.SearchField)),
        index.AutocompleteField("number"),
        index.FilterField("doc_type"),
        index.FilterField("issued_on"),
        index.FilterField("status"),
        index.FilterField("number_key"),
    ]
    parent_page_types = ["content.LegalLibraryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        indexes = [models.Index(fields=["issuer", "number_key"])]

    @property
    def doc_type_name(self) -> str:
        return DOC_TYPES.get(self.doc_type, "")

    @property
    def doc_type_label(self) -> str:
        """The type in the reader's language ("Kế hoạch"; "Plan" on the English site)."""
        return str(DOC_TYPE_LABELS.get(self.doc_type, self.doc_type_name))

    @property
    def issued_display(self) -> str:
        if not self.issued_on:
            return ""
        if self.issued_precision == self.Precision.YEAR:
            return f"{self.issued_on.year}"
        if self.issued_precision == self.Precision.MONTH:
            return f"{self.issued_on.month:02d}/{self.issued_on.year}"
        return self.issued_on.strftime("%d/%m/%Y")

    def identity_conflicts(self) -> models.QuerySet:
        """Other documents with the same identity: issuer + year + number."""
        if not self.number_key:
            return LegalDocumentPage.objects.none()
        year = self.issued_on.year if self.issued_on else None
        return (
            LegalDocumentPage.objects.filter(number_key=self.number_key, issuer=self.issuer)
            .filter(Q(issued_on__year=year) if year else Q(issued_on__isnull=True))
            .exclude(translation_key=self.translation_key)
        )

    def clean(self) -> None:
        super().clean()
        self.number_key = normalise_number(self.number) if self.number else ""
        if self.identity_conflicts().exists():
            raise ValidationError(
                {
                    "number": _(
                        "A document with this number from this issuer in this year already exists."
                    )
                }
            )
        if self.issued_on and self.issued_on > datetime.date.today() + datetime.timedelta(days=366):
            raise ValidationError({"issued_on": _("This date is too far in the future.")})
        if self.status_override and not self.status_reason.strip():
            raise ValidationError(
                {
                    "status_reason": _(
                        "Say why the validity is set by hand (e.g. the text that ended it)."
                    )
                }
            )

    def save(self, *args, **kwargs):
        from content.validity import validity_of

        self.number_key = normalise_number(self.number) if self.number else ""
        self.status = validity_of(self).status
        return super().save(*args, **kwargs)

    @property
    def validity(self):
        """Today's status and the texts that replace, repeal or amend this one."""
        from content.validity import validity_of

        return validity_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(document_context(self))
        return context

    @re_path(r"^tai-ve/pdf/$", name="pdf")
    def download_pdf(self, request):
        from content.legal_downloads import serve_pdf

        return serve_pdf(self)

    @re_path(r"^tai-ve/ban-goc/$", name="original")
    def download_original(self, request):
        from content.legal_downloads import serve_original

        return serve_original(self)

    def json_ld(self) -> str:
        """schema.org Legislation, escaped for a <script> element."""
        import json

        data = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": self.title,
            "legislationType": self.doc_type_name or None,
            "legislationIdentifier": self.number or None,
            "legislationDate": self.issued_on.isoformat()
            if self.issued_on and self.issued_precision == "day"
            else None,
            "legislationPassedBy": {"@type": "GovernmentOrganization", "name": self.issuer.name}
            if self.issuer
            else None,
            "inLanguage": "vi",
            "url": self.full_url,
        }
        text = json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    def recipient_lines(self) -> list[str]:
        return [line for line in self.recipients.splitlines() if line.strip()]

    def addressee_lines(self) -> list[str]:
        return [line for line in self.addressees.splitlines() if line.strip()]


class LegalSection(Orderable):
    """A part of a document's body (Chương, Mục, Điều, khoản, điểm, or I., 1., 1.1.)
    with a stable anchor so that search hits and citations can land on it."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=10)
    label = models.CharField(_("label"), max_length=40)
    number = models.CharField(_("number"), max_length=20, blank=True)
    heading = models.TextField(_("heading"), blank=True)
    text = models.TextField(_("text"), blank=True)
    anchor = models.SlugField(_("anchor"), max_length=80)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    parent_anchor = models.SlugField(_("parent anchor"), max_length=80, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("kind"), FieldPanel("label"), FieldPanel("anchor"), FieldPanel("level")]
        ),
        FieldPanel("heading"),
        FieldPanel("text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("section")


class LegalFootnote(Orderable):
    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="footnotes")
    marker = models.CharField(_("marker"), max_length=8)
    text = models.TextField(_("text"))

    panels = [FieldPanel("marker"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("footnote")


class Citation(models.Model):
    """A citation found in a document's text: it points to the cited document when
    that is in the library, or keeps the normalised number until it is imported."""

    class Relation(models.TextChoices):
        BASIS = "can_cu", _("legal basis (căn cứ)")
        IMPLEMENTS = "thuc_hien", _("implements (thực hiện)")
        GUIDES = "huong_dan", _("guides (hướng dẫn)")
        CITES = "dan_chieu", _("cites (dẫn chiếu)")
        REPLACES = "thay_the", _("replaces (thay thế)")
        REPEALS = "bai_bo", _("repeals (bãi bỏ)")
        AMENDS = "sua_doi", _("amends or supplements (sửa đổi, bổ sung)")

    source = models.ForeignKey(
        LegalDocumentPage, on_delete=models.CASCADE, related_name="citations_made"
    )
    target = models.ForeignKey(
        LegalDocumentPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citations_received",
    )
    raw = models.CharField(max_length=400)
    doc_type = models.CharField(max_length=10, blank=True)
    number = models.CharField(max_length=80, blank=True)
    number_key = models.CharField(max_length=80, blank=True, db_index=True)
    cited_date = models.DateField(null=True, blank=True)
    issuer_hint = models.CharField(max_length=200, blank=True)
    title_hint = models.CharField(max_length=200, blank=True)
    part = models.CharField(max_length=80, blank=True)
    relation = models.CharField(max_length=12, choices=Relation.choices, default=Relation.CITES)
    section_anchor = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = _("citation")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.raw

    @property
    def label(self) -> str:
        if self.number:
            return f"{DOC_TYPES.get(self.doc_type, '')} {self.number}".strip()
        return self.title_hint or self.raw
