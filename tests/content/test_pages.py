import datetime
import xml.etree.ElementTree as ET

from django.urls import reverse
from django.utils.translation import gettext

from wagtail.models import Page

import pytest

from base.roles import Role
from content.models import (
    ArticlePage,
    CampaignPage,
    GuidancePage,
    LegalDocumentPage,
    TopicPage,
    running_campaign,
)
from tests.factories import (
    ArticlePageFactory,
    CampaignPageFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    GuidancePageFactory,
    LegalDocumentPageFactory,
    LegalLibraryPageFactory,
    TopicFactory,
    TopicPageFactory,
)

pytestmark = pytest.mark.django_db

STREAMS = {
    CampaignPage: [
        "body",
        "key_messages",
        "materials",
        "gallery",
        "videos",
        "related_documents",
        "related_courses",
    ],
    GuidancePage: ["body"],
    ArticlePage: ["body"],
    TopicPage: ["body"],
}


def admin_form(model, **fields) -> dict:
    data = {
        "slug": f"trang-{model._meta.model_name}",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "summary": "Tóm tắt ngắn gọn.",
        "privacy_confirmed": "on",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    for name in STREAMS[model]:
        data[f"{name}-count"] = "0"
    data.update(fields)
    return data


def add_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="quantri", email="quantri@example.org", password="mat-khau-quan-tri-2026"
    )
    client.force_login(user)
    return client


def created_pages(superuser_client, sections) -> dict:
    topic = TopicFactory(name="Phòng, chống đuối nước", slug="duoi-nuoc")
    today = datetime.date.today()
    specs = {
        CampaignPage: (
            sections["campaigns"],
            {
                "title": "Phòng, chống đuối nước mùa hè",
                "start_date": (today - datetime.timedelta(days=3)).isoformat(),
                "end_date": (today + datetime.timedelta(days=30)).isoformat(),
                "audiences": [Role.PARENT, Role.TEACHER],
                "topics": [topic.pk],
                "call_to_action": "Gọi 111",
                "call_to_action_url": "tel:111",
            },
        ),
        GuidancePage: (
            sections["guidance"],
            {"title": "Dạy trẻ bơi an toàn", "audience": "parents", "topics": [topic.pk]},
        ),
        ArticlePage: (
            sections["news"],
            {
                "title": "Xã tổ chức lớp dạy bơi miễn phí",
                "date": today.isoformat(),
                "author": "Ban biên tập",
                "topics": [topic.pk],
            },
        ),
        TopicPage: (sections["topics"], {"title": "Đuối nước", "topic": topic.pk}),
    }
    pages = {}
    for model, (parent, fields) in specs.items():
        response = superuser_client.post(add_url(model, parent), admin_form(model, **fields))
        assert response.status_code == 302, response.context["form"].errors
        page = model.objects.get(title=fields["title"])
        assert page.live
        pages[model] = page
    return pages


def test_each_page_type_is_created_in_the_admin_and_renders(superuser_client, sections, client):
    pages = created_pages(superuser_client, sections)
    for page in pages.values():
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()
    campaign = pages[CampaignPage]
    assert campaign.audiences == [Role.PARENT, Role.TEACHER]
    html = client.get(campaign.url).content.decode()
    assert "Đang diễn ra" in html or "Running" in html
    assert 'href="tel:111"' in html
    # The topic page gathers the others.
    topic_html = client.get(pages[TopicPage].url).content.decode()
    for model in (CampaignPage, GuidancePage, ArticlePage):
        assert pages[model].title in topic_html
    # Listings show them.
    assert campaign.title in client.get(sections["campaigns"].url).content.decode()
    assert pages[ArticlePage].title in client.get(sections["news"].url).content.decode()


def test_every_page_appears_in_the_sitemap_and_news_in_the_feeds(
    superuser_client, sections, client
):
    pages = created_pages(superuser_client, sections)
    library = LegalLibraryPageFactory(parent=sections["news"].get_parent())
    document = LegalDocumentPageFactory(parent=library)
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    locations = {
        element.text
        for element in ET.fromstring(sitemap.content).iter(  # noqa: S314 (our own output)
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    }
    for page in [*pages.values(), document]:
        assert page.get_full_url() in locations
    for url in (reverse("feed_news_rss"), reverse("feed_news_atom")):
        feed = client.get(url).content.decode()
        assert pages[ArticlePage].title in feed
    for url in (reverse("feed_documents_rss"), reverse("feed_documents_atom")):
        assert document.number in client.get(url).content.decode()


def test_admin_refuses_to_publish_without_the_privacy_tick(superuser_client, sections):
    data = admin_form(GuidancePage, title="Dấu hiệu trẻ bị bạo lực", audience="teachers")
    del data["privacy_confirmed"]
    response = superuser_client.post(add_url(GuidancePage, sections["guidance"]), data)
    assert response.status_code == 200
    assert "privacy_confirmed" in response.context["form"].errors
    assert not GuidancePage.objects.filter(title="Dấu hiệu trẻ bị bạo lực").exists()
    # A draft may be saved without it.
    del data["action-publish"]
    response = superuser_client.post(add_url(GuidancePage, sections["guidance"]), data)
    assert response.status_code == 302, response.context["form"].errors
    page = GuidancePage.objects.get(title="Dấu hiệu trẻ bị bạo lực")
    assert not page.live


def test_model_refuses_to_go_live_without_the_privacy_tick(sections):
    from django.core.exceptions import ValidationError

    page = GuidancePageFactory.build(title="Không được đăng", privacy_confirmed=False, live=False)
    sections["guidance"].add_child(instance=page)
    with pytest.raises(ValidationError):
        page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live


def test_campaign_status_follows_the_dates(sections):
    today = datetime.date.today()
    day = datetime.timedelta(days=1)
    campaign = CampaignPageFactory(
        parent=sections["campaigns"], start_date=today - day, end_date=today + day
    )
    assert campaign.status == "running"
    assert campaign.status_on(today - 2 * day) == "upcoming"
    assert campaign.status_on(today + 2 * day) == "ended"
    assert running_campaign(campaign.locale) == campaign
    CampaignPageFactory(
        parent=sections["campaigns"], start_date=today - 9 * day, end_date=today - 2 * day
    )
    assert running_campaign(campaign.locale) == campaign


def test_home_page_shows_campaign_news_and_documents(home_page, sections, client):
    campaign = CampaignPageFactory(parent=sections["campaigns"])
    article = ArticlePageFactory(parent=sections["news"])
    library = LegalLibraryPageFactory(parent=home_page)
    document = LegalDocumentPageFactory(parent=library)
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page))
    home_page.featured_courses = [("course", course)]
    home_page.save()
    html = client.get("/").content.decode()
    for title in (campaign.title, article.title, document.title, course.title):
        assert title in html


def test_guidance_faq_is_published_as_json_ld(sections, client):
    page = GuidancePageFactory(
        parent=sections["guidance"],
        body=[
            (
                "faq",
                {
                    "heading": "Hỏi đáp",
                    "questions": [
                        {"question": "Tổng đài 111 có miễn phí không?", "answer": "<p>Có.</p>"}
                    ],
                },
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<script type="application/ld+json"' in html
    assert '"@type": "FAQPage"' in html
    assert "<summary>Tổng đài 111 có miễn phí không?</summary>" in html


def test_campaign_video_is_lazy(sections, client):
    page = CampaignPageFactory(
        parent=sections["campaigns"],
        videos=[
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                    "title": "Kỹ năng an toàn dưới nước",
                    "caption": "",
                    "thumbnail": None,
                },
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<iframe" not in html
    stripped = html.replace('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"', "").replace(
        'data-video-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"', ""
    )
    notice = gettext("The video is played from YouTube only when you start it.")
    assert "youtube" not in stripped.replace(notice, "").lower()


def test_head_has_canonical_hreflang_and_sharing_tags(sections, english, client):
    import wagtail_factories

    image = wagtail_factories.ImageFactory(file__width=1600, file__height=1000)
    page = CampaignPageFactory(parent=sections["campaigns"], image=image)
    html = client.get(page.url).content.decode()
    assert f'<link rel="canonical" href="{page.get_full_url()}">' in html
    assert 'hreflang="vi"' in html and 'hreflang="x-default"' in html
    assert '<link rel="alternate" hreflang="en"' not in html  # no translation yet
    assert '<meta property="og:image" content="http' in html
    assert 'name="twitter:card" content="summary_large_image"' in html
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_topic_page_lists_legal_documents_with_the_topic(sections, home_page, client):
    topic = TopicFactory()
    library = LegalLibraryPageFactory(parent=home_page)
    document = LegalDocumentPageFactory(parent=library)
    document.topics.add(topic)
    document.save()
    page = TopicPageFactory(parent=sections["topics"], topic=topic)
    assert document.title in client.get(page.url).content.decode()
    assert isinstance(Page.objects.get(pk=document.pk).specific, LegalDocumentPage)
