import io

from django.core.files.base import ContentFile

from wagtail.images import get_image_model

import pytest

from content.demo_images import draw_picture
from content.models import CampaignIndexPage
from home.demo import load_site_frame
from tests.browser.conftest import describe, run_axe
from tests.factories import CampaignPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MOTIFS = ["sun", "waves", "buoy", "phone", "house", "book", "shield", "heart", "screen"]
PALETTES = ["june", "water", "home", "school", "phone", "online"]
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def picture(n: int):
    drawn = draw_picture(
        f"Hình minh họa số {n + 1}", MOTIFS[n % len(MOTIFS)], PALETTES[n % len(PALETTES)]
    )
    out = io.BytesIO()
    drawn.save(out, "JPEG", quality=88)
    image = get_image_model()(title=f"Hình {n + 1}")
    image.file.save(f"hinh-{n + 1}.jpg", ContentFile(out.getvalue()), save=False)
    image.save()
    return image


@pytest.fixture
def campaign(live_server, restore_migrated_data):
    load_site_frame()
    section = CampaignIndexPage.objects.get(locale__language_code="vi")
    images = [picture(n) for n in range(12)]
    return CampaignPageFactory(
        parent=section,
        title="Mùa hè an toàn cho trẻ",
        image=images[0],
        key_messages=[("message", "Không để trẻ tắm sông, suối một mình.")],
        body=[
            ("heading", {"text": "Vì sao cần chiến dịch", "level": "h2"}),
            ("paragraph", "<p>Mùa hè trẻ nghỉ học, thường chơi gần ao, hồ, sông, suối.</p>"),
            (
                "faq",
                {
                    "heading": "Hỏi đáp",
                    "questions": [{"question": "Gọi 111 có mất tiền?", "answer": "<p>Không.</p>"}],
                },
            ),
            (
                "callout",
                {"kind": "hotline", "title": "Cần giúp đỡ?", "text": "<p>Gọi 111, miễn phí.</p>"},
            ),
        ],
        videos=[
            (
                "video",
                {
                    "url": VIDEO,
                    "title": "Kỹ năng an toàn dưới nước",
                    "caption": "",
                    "thumbnail": None,
                },
            )
        ],
        gallery=[
            ("image", {"image": image, "alt_text": f"Hình minh họa số {n + 1}", "caption": ""})
            for n, image in enumerate(images)
        ],
    )


def test_campaign_page_has_no_wcag_violations(page, campaign):
    page.goto(campaign.url)
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_video_loads_only_after_a_click(page, live_server, campaign):
    requested = []
    page.route(
        "**/*",
        lambda route: (
            requested.append(route.request.url),
            route.abort()
            if "127.0.0.1" not in route.request.url and "localhost" not in route.request.url
            else route.continue_(),
        ),
    )
    page.goto(campaign.url)
    page.wait_for_load_state("networkidle")
    assert page.locator("iframe").count() == 0
    assert not [url for url in requested if "youtube" in url or "vimeo" in url]
    button = page.get_by_role("button", name="Kỹ năng an toàn dưới nước")
    button.click()
    frame = page.locator("iframe.video__frame")
    assert frame.count() == 1
    assert frame.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert frame.get_attribute("title") == "Kỹ năng an toàn dưới nước"


def test_gallery_of_twelve_images_transfers_under_500_kb_on_a_phone(browser, live_server, campaign):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="vi-VN"
    )
    phone = context.new_page()
    sizes = {}

    def record(response):
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            sizes.setdefault(response.url, 0)

    phone.on("response", record)
    # Warm the renditions first: they are made once, on the first request.
    phone.goto(campaign.url)
    phone.wait_for_load_state("networkidle")
    for image in phone.locator(".gallery img").all():
        image.scroll_into_view_if_needed()
    phone.wait_for_load_state("networkidle")
    context.close()

    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="vi-VN"
    )
    phone = context.new_page()
    sizes.clear()
    phone.on("response", record)
    phone.goto(campaign.url)
    phone.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    images = [url for url in sizes if "/media/images/" in url]
    context.close()
    assert total < 500 * 1024, f"{total} bytes: {sorted(sizes.items(), key=lambda i: -i[1])[:5]}"
    assert len(images) < 13  # lazy: the gallery below the fold is not all loaded
    assert all(".webp" in url for url in images)
