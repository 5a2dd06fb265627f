import json

from django.core.files.base import ContentFile

from wagtail.documents.models import Document

import pytest
import wagtail_factories

from content.blocks import (
    BodyStreamBlock,
    ImageBlock,
    VideoBlock,
    faq_json_ld,
    video_embed,
)


def render(block_type: str, value) -> str:
    return str(BodyStreamBlock().to_python([{"type": block_type, "value": value}]))


@pytest.mark.parametrize(
    ("url", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=3", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "76979871"),
    ],
)
def test_video_links_are_recognised(url, video_id):
    assert video_embed(url)["id"] == video_id


@pytest.mark.parametrize(
    "url", ["https://example.org/video", "javascript:alert(1)", "https://youtube.com/watch?v=x"]
)
def test_other_links_are_not_videos(url):
    assert video_embed(url) is None


def test_video_block_refuses_other_hosts():
    from django.core.exceptions import ValidationError

    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": "https://example.org/v.mp4", "title": "Phim"}))


@pytest.mark.django_db
def test_video_renders_a_link_and_no_iframe():
    html = render(
        "video",
        {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Gọi 111", "caption": ""},
    )
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' in html
    assert "js/lazy-video.js" in html


@pytest.mark.django_db
def test_image_requires_alt_text_and_renders_picture():
    from django.core.exceptions import ValidationError

    image = wagtail_factories.ImageFactory(file__width=1600, file__height=900, file__color="blue")
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    html = render(
        "image", {"image": image.pk, "alt_text": "Áp phích số 111", "caption": "Tổng đài 111"}
    )
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    assert 'alt="Áp phích số 111"' in html
    assert 'loading="lazy"' in html
    assert 'width="' in html and 'height="' in html
    assert "<figcaption>Tổng đài 111</figcaption>" in html


@pytest.mark.django_db
def test_document_list_shows_type_and_size():
    document = Document(title="Tờ rơi Tháng hành động")
    document.file.save("to-roi.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2048), save=False)
    document.file_size = document.file.size
    document.save()
    html = render("documents", {"heading": "Tài liệu", "documents": [document.pk]})
    assert "Tờ rơi Tháng hành động" in html
    assert "PDF" in html
    assert "2,0\xa0KB" in html or "2.0\xa0KB" in html


@pytest.mark.django_db
def test_text_blocks_render():
    assert 'id="goi-ngay-111"' in render("heading", {"text": "Gọi ngay 111", "level": "h2"})
    quote = {"quote": "Trẻ em có quyền được bảo vệ.", "attribution": ""}
    assert "<blockquote>" in render("quote", quote)
    callout = render(
        "callout",
        {"kind": "hotline", "title": "Cần giúp đỡ?", "text": "<p>Gọi 111.</p>"},
    )
    assert "callout--hotline" in callout
    steps = render(
        "steps",
        {"heading": "Cần làm gì", "steps": [{"title": "Lắng nghe", "text": ""}]},
    )
    assert "<ol" in steps and "Lắng nghe" in steps
    table = render(
        "table",
        {
            "data": [["Số", "Ý nghĩa"], ["111", "Tổng đài quốc gia"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Số điện thoại",
        },
    )
    assert '<th scope="col"' in table and "<caption>Số điện thoại</caption>" in table


def test_faq_renders_details_and_json_ld():
    stream = BodyStreamBlock().to_python(
        [
            {
                "type": "faq",
                "value": {
                    "heading": "Hỏi đáp",
                    "questions": [
                        {
                            "question": "Gọi 111 có mất tiền không?",
                            "answer": "<p>Không, miễn phí.</p>",
                        }
                    ],
                },
            }
        ]
    )
    html = str(stream)
    assert "<details" in html and "<summary>Gọi 111 có mất tiền không?</summary>" in html
    data = json.loads(faq_json_ld(stream))
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Không, miễn phí."
    assert faq_json_ld(BodyStreamBlock().to_python([])) == ""
