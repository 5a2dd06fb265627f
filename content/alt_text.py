"""What editors are told about alternative text: one wording for the image form
(``content.image_forms``) and the image block (``content.blocks``)."""

from django.utils.translation import gettext_lazy as _

ALT_TEXT_LABEL = _("Alternative text (what the image shows)")
ALT_TEXT_HELP = _(
    "Read aloud to people who cannot see the image and shown when it does not load. "
    "Say in one or two sentences what the image shows that matters for the page, "
    "e.g. “Teacher talking with a group of pupils in a classroom”. For a poster, a "
    "leaflet or an image with words on it, write its text. Do not start with "
    "“Image of”. Purely decorative images are not content: do not upload them."
)
ALT_TEXT_REQUIRED = _(
    "Write the alternative text: what the image shows, or the text written on it."
)
