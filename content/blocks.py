"""The shared StreamField block library: every page type that has a body
(campaigns, guidance, news, topics, courses) builds it from these blocks.

Import `BodyStreamBlock` for a whole body, or single blocks for narrower fields.
"""

import json
import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from content.alt_text import ALT_TEXT_HELP

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def video_embed(url: str) -> dict | None:
    """The provider, id, privacy-friendly embed URL and watch URL of a YouTube or
    Vimeo link, or None when the link is neither."""
    parsed = urlparse(url.strip())
    if parsed.scheme not in {"http", "https"}:
        return None
    host = (parsed.hostname or "").lower()
    parts = [part for part in parsed.path.split("/") if part]
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            video_id = parts[0] if parts else ""
        elif parts[:1] in (["embed"], ["shorts"], ["live"]) and len(parts) > 1:
            video_id = parts[1]
        else:
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        if not YOUTUBE_ID.match(video_id):
            return None
        return {
            "provider": "youtube",
            "id": video_id,
            "embed_url": f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1",
            "watch_url": f"https://www.youtube.com/watch?v={video_id}",
        }
    if host in VIMEO_HOSTS:
        numeric = [part for part in parts if part.isdigit()]
        if not numeric:
            return None
        video_id = numeric[0]
        return {
            "provider": "vimeo",
            "id": video_id,
            "embed_url": f"https://player.vimeo.com/video/{video_id}?autoplay=1&dnt=1",
            "watch_url": f"https://vimeo.com/{video_id}",
        }
    return None


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "content/blocks/heading.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["text"]) or None
        return context


class ImageBlock(blocks.StructBlock):
    """An image with required alternative text (say what the image shows; the
    caption is extra). Never a photo of a child victim."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=ALT_TEXT_HELP,
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "content/blocks/image.html"


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    images = blocks.ListBlock(ImageBlock(), label=_("images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Image gallery")
        template = "content/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "content/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("info", _("Information")),
            ("warning", _("Warning")),
            ("hotline", _("Call for help")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "content/blocks/callout.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=200)
    text = blocks.RichTextBlock(label=_("details"), features=SHORT_TEXT_FEATURES, required=False)


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "content/blocks/steps.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("answer"), features=SHORT_TEXT_FEATURES)


class FAQBlock(blocks.StructBlock):
    """Questions and answers; pages publish them as schema.org FAQPage JSON-LD too."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "content/blocks/faq.html"


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("document")), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Documents to download")
        template = "content/blocks/document_list.html"


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video that loads nothing from the video host until the
    visitor asks for it (static/js/lazy-video.js; without JavaScript, a link)."""

    url = blocks.URLBlock(label=_("video link"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    thumbnail = ImageChooserBlock(
        label=_("poster image"),
        required=False,
        help_text=_("Shown before the video plays; nothing is fetched from the video host."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "content/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if video_embed(value["url"]) is None:
            raise StructBlockValidationError(
                block_errors={
                    "url": ErrorList(
                        [ValidationError(_("Enter a YouTube or Vimeo video address."))]
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["video"] = video_embed(value["url"])
        return context


class TableBlockWithCaption(TableBlock):
    class Meta:
        icon = "table"
        label = _("Table")
        template = "content/blocks/table.html"


class BodyStreamBlock(blocks.StreamBlock):
    """Everything an editor can put in a page body."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="content/blocks/paragraph.html"
    )
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    steps = StepsBlock()
    faq = FAQBlock()
    documents = DocumentListBlock()
    video = VideoBlock()
    table = TableBlockWithCaption(
        table_options={"contextMenu": ["row_above", "row_below", "col_left", "col_right"]}
    )


def faq_items(stream) -> list[tuple[str, str]]:
    """(question, answer HTML) for every FAQ block in a stream value."""
    items = []
    for block in stream or []:
        if block.block_type == "faq":
            for item in block.value["questions"]:
                items.append((item["question"], str(item["answer"])))
    return items


def faq_json_ld(stream) -> str:
    """schema.org FAQPage JSON-LD for the stream's questions ('' when there are none);
    safe to put inside a <script> element."""
    items = faq_items(stream)
    if not items:
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": strip_tags(answer).strip()},
            }
            for question, answer in items
        ],
    }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
