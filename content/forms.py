"""Forms of the admin importer (content.admin_import): the source, then the corrections."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from base.confirmation import PendingField, sign_pending
from base.vietnamese import normalise_number
from content.importer import DOC_TYPES, MAX_FILE_BYTES, ParsedDocument
from content.importer.extract import SUPPORTED
from content.importer.parser import FIELDS
from content.legal_import import suggested_topics
from content.models import Topic

MAX_TEXT_CHARS = 2_000_000
IMPORT_PURPOSE = "content.admin_import.source"
_ISSUED_ON = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def sign_source(job_id: str) -> str:
    """The import job of step 2, signed so the form cannot be pointed at another job."""
    return sign_pending(IMPORT_PURPOSE, job=job_id)


class ImportSourceForm(forms.Form):
    """Step 1: an uploaded file or pasted text (read later by a background task)."""

    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUPPORTED)}),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        strip=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("The whole document, from the issuer's name to the recipients."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A .txt, .docx or .pdf file (a PDF needs a text layer), up to %(size)s."
        ) % {"size": filesizeformat(MAX_FILE_BYTES)}
        self.source_text = ""
        self.filename = ""

    @classmethod
    def failed(cls, field: str, message: str) -> ImportSourceForm:
        """An empty step-1 form showing why the background reading failed."""
        form = cls()
        form.cleaned_data = {}
        form._errors = ErrorDict()
        form.add_error(field, message)
        return form

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        suffix = Path(upload.name).suffix.lower()
        if suffix not in SUPPORTED:
            raise forms.ValidationError(
                _("Files of type “%(suffix)s” cannot be imported: use .txt, .docx or .pdf."),
                code="extension",
                params={"suffix": suffix or upload.name},
            )
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s."),
                code="size",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_FILE_BYTES),
                },
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        upload = cleaned.get("file")
        text = cleaned.get("text") or ""
        if upload and text.strip():
            raise forms.ValidationError(
                _("Upload a file or paste the text, not both."), code="both"
            )
        if not upload and not text.strip():
            raise forms.ValidationError(
                _("Upload a file or paste the text of the document."), code="none"
            )
        if upload:
            self.filename = Path(upload.name).name
        else:
            self.source_text = text
        return cleaned


class ImportConfirmForm(forms.Form):
    """Step 2: the extracted metadata, as corrected by the editor, and the signed source."""

    source = PendingField(
        IMPORT_PURPOSE,
        expired_message=_(
            "The form has expired or was tampered with; please upload the file again."
        ),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A page title holds at most 255 characters: a longer title is cut."),
    )
    doc_type = forms.ChoiceField(
        label=_("Document type"),
        required=False,
        choices=[("", _("(not found)")), *DOC_TYPES.items()],
    )
    number = forms.CharField(
        label=_("Number and symbol"),
        max_length=80,
        required=False,
        help_text=_("As printed, e.g. 03/KH-UBND."),
    )
    symbol = forms.CharField(label=_("Symbol"), max_length=60, required=False)
    issuer = forms.CharField(label=_("Issuing body"), max_length=255, required=False)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    issued_on = forms.CharField(
        label=_("Date issued"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is blank."),
    )
    signer = forms.CharField(label=_("Signer"), max_length=120, required=False)
    signer_authority = forms.CharField(
        label=_("Signing authority"),
        max_length=200,
        required=False,
        help_text=_("e.g. TM. Ủy ban nhân dân; KT. Chủ tịch"),
    )
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120, required=False)
    subject = forms.CharField(
        label=_("Subject (trích yếu)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Suggested from the words of the text: tick or untick before saving."),
    )

    #: Fields copied between the form and ParsedDocument, in form order.
    metadata_fields = (
        "title",
        "doc_type",
        "number",
        "symbol",
        "issuer",
        "place",
        "issued_on",
        "signer",
        "signer_authority",
        "signer_title",
        "subject",
    )

    @classmethod
    def for_parsed(cls, parsed: ParsedDocument, source: str, **kwargs: Any) -> ImportConfirmForm:
        """An unbound form showing what the parser found."""
        initial = {name: getattr(parsed, name) or "" for name in cls.metadata_fields}
        initial["source"] = source
        initial["topics"] = [topic.pk for topic in suggested_topics(parsed)]
        return cls(initial=initial, **kwargs)

    def missing_labels(self, names: list[str]) -> list[str]:
        """Labels of the fields named in `parsed.missing`."""
        return [str(self.fields[name].label) if name in self.fields else name for name in names]

    def clean_issued_on(self) -> str:
        value = self.cleaned_data["issued_on"].strip()
        if not value:
            return value
        match = _ISSUED_ON.match(value)
        if match is None:
            raise forms.ValidationError(
                _("Enter the date as YYYY-MM-DD, YYYY-MM or YYYY."), code="format"
            )
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            datetime.date(year, month, day)
        except ValueError as error:
            raise forms.ValidationError(_("This date does not exist."), code="date") from error
        if year < 1900 or datetime.date(year, 1, 1) > datetime.date.today():
            raise forms.ValidationError(_("This year is not plausible."), code="year")
        return value

    def apply_to(self, parsed: ParsedDocument) -> ParsedDocument:
        """Put the editor's values in `parsed`; a blank field stays unknown (None)."""
        data = self.cleaned_data
        for name in self.metadata_fields:
            value = " ".join(data[name].split()) if name != "subject" else data[name].strip()
            setattr(parsed, name, value or ("" if name == "title" else None))
        parsed.number_key = normalise_number(parsed.number) if parsed.number else None
        if parsed.issued_on:
            parsed.issued_precision = {3: "day", 2: "month", 1: "year"}[
                len(parsed.issued_on.split("-"))
            ]
        else:
            parsed.issued_precision = None
        parsed.missing = [name for name in FIELDS if not getattr(parsed, name)]
        return parsed
