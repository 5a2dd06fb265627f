"""The admin's image form: alternative text (Wagtail's ``description``) is required,
with guidance on what to write, so that no image used as content is published
without one (``WAGTAILIMAGES_IMAGE_FORM_BASE``). The multiple uploader keeps a
file without it aside until the editor writes it (Wagtail's UploadedFile)."""

from __future__ import annotations

from wagtail.images.forms import BaseImageForm

from content.alt_text import ALT_TEXT_HELP, ALT_TEXT_LABEL, ALT_TEXT_REQUIRED


class AltTextImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.required = True
            field.label = ALT_TEXT_LABEL
            field.help_text = ALT_TEXT_HELP
            field.error_messages["required"] = ALT_TEXT_REQUIRED
