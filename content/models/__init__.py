from .areas import AdministrativeUnit
from .legal import (
    Citation,
    Issuer,
    LegalDocumentPage,
    LegalFootnote,
    LegalLibraryPage,
    LegalSection,
    Topic,
)
from .pages import (
    ArticleIndexPage,
    ArticlePage,
    CampaignPage,
    GuidancePage,
    TopicIndexPage,
    TopicPage,
    running_campaign,
)
from .sections import CampaignIndexPage, GuidanceIndexPage

__all__ = [
    "AdministrativeUnit",
    "ArticleIndexPage",
    "ArticlePage",
    "CampaignIndexPage",
    "CampaignPage",
    "GuidancePage",
    "TopicIndexPage",
    "TopicPage",
    "running_campaign",
    "Citation",
    "GuidanceIndexPage",
    "Issuer",
    "LegalDocumentPage",
    "LegalFootnote",
    "LegalLibraryPage",
    "LegalSection",
    "Topic",
]
