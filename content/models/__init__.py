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
from .sections import CampaignIndexPage, GuidanceIndexPage

__all__ = [
    "AdministrativeUnit",
    "CampaignIndexPage",
    "Citation",
    "GuidanceIndexPage",
    "Issuer",
    "LegalDocumentPage",
    "LegalFootnote",
    "LegalLibraryPage",
    "LegalSection",
    "Topic",
]
