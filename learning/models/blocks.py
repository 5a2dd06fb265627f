"""Lesson body blocks. Until the shared `content.blocks` exists this is a local
stream of Wagtail's own blocks; it is replaced by the shared body stream then."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class LessonBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title")
    text = blocks.RichTextBlock(
        label=_("Text"), features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = ImageBlock(label=_("Image"))
    video = EmbedBlock(label=_("Video"))
    download = DocumentChooserBlock(label=_("Download"))
