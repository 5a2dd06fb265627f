from .imports import ImportJob
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
    current_campaign,
    running_campaign,
)
from .sections import CampaignIndexPage, GuidanceIndexPage

__all__ = [
    "ImportJob",
    "ArticleIndexPage",
    "ArticlePage",
    "CampaignIndexPage",
    "CampaignPage",
    "GuidancePage",
    "TopicIndexPage",
    "TopicPage",
    "current_campaign",
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
