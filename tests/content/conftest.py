import pytest

from tests.factories import (
    ArticleIndexPageFactory,
    CampaignIndexPageFactory,
    GuidanceIndexPageFactory,
    TopicIndexPageFactory,
)


@pytest.fixture
def sections(home_page) -> dict:
    """The four sections the new page types live under."""
    return {
        "campaigns": CampaignIndexPageFactory(parent=home_page, slug="chien-dich"),
        "guidance": GuidanceIndexPageFactory(parent=home_page, slug="huong-dan"),
        "news": ArticleIndexPageFactory(parent=home_page, slug="tin-tuc"),
        "topics": TopicIndexPageFactory(parent=home_page, slug="chu-de"),
    }
