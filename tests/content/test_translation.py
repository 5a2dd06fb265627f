import pytest

from content.models import CampaignIndexPage, GuidancePage
from tests.factories import CampaignPageFactory, GuidancePageFactory

pytestmark = pytest.mark.django_db


def test_campaign_translated_into_english_renders_under_en(demo_site, english, client):
    section = CampaignIndexPage.objects.get(locale__language_code="vi")
    campaign = CampaignPageFactory(parent=section, title="Tháng hành động vì trẻ em")
    translation = campaign.copy_for_translation(english).specific
    translation.title = "Action Month for Children"
    translation.summary = "Every June, the whole community acts to protect children."
    translation.save_revision().publish()
    translation.refresh_from_db()
    assert translation.url.startswith("/en/")
    response = client.get(translation.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Action Month for Children" in html
    # Both versions point at each other.
    assert f'hreflang="vi" href="{campaign.get_full_url()}"' in html
    vi_html = client.get(campaign.url).content.decode()
    assert f'hreflang="en" href="{translation.get_full_url()}"' in vi_html
    # And both are in the sitemap.
    sitemap = client.get("/sitemap.xml").content.decode()
    assert campaign.get_full_url() in sitemap and translation.get_full_url() in sitemap


def test_untranslated_page_is_not_in_the_english_section(demo_site, english, client):
    from content.models import GuidanceIndexPage

    section = GuidanceIndexPage.objects.get(locale__language_code="vi")
    page = GuidancePageFactory(parent=section, title="Chỉ có tiếng Việt")
    english_section = section.get_translation(english)
    html = client.get(english_section.url).content.decode()
    assert page.title not in html
    assert not GuidancePage.objects.filter(locale=english).exists()
