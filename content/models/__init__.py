from .areas import AdministrativeUnit
from .legal import LegalLibraryPage
from .sections import CampaignIndexPage, GuidanceIndexPage

__all__ = ["AdministrativeUnit", "CampaignIndexPage", "GuidanceIndexPage", "LegalLibraryPage"]
