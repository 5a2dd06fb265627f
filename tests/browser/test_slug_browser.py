"""The admin's slug field folds Vietnamese titles like the server (content.slugs):
typed as the title, and typed into the slug field itself."""

import pytest
from playwright.sync_api import expect

from home.demo import load_site_frame
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture
def campaigns(live_server, restore_migrated_data):
    from content.models import CampaignIndexPage

    load_site_frame()
    return CampaignIndexPage.objects.first()


def test_slugs_from_vietnamese_titles_in_the_admin(page, campaigns, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bientap@example.org", PASSWORD)
    sign_in(page, user, PASSWORD)

    page.goto(f"/admin/pages/add/content/campaignpage/{campaigns.pk}/")
    title = page.locator("#id_title")
    slug = page.locator("#id_slug")
    title.press_sequentially("Vui Tết an toàn 2027")
    title.blur()
    expect(slug).to_have_value("vui-tet-an-toan-2027")

    # Typed (or pasted) into the slug field itself, then leaving it.
    page.locator('a[role="tab"]').nth(1).click()  # the promote tab (its id follows the language)
    slug.fill("Trẻ em đón Tết")
    slug.blur()
    expect(slug).to_have_value("tre-em-don-tet")
