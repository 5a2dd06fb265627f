"""Demo content of the legal library: the five seed documents, imported as
`manage.py import_legal_texts` would, with what the texts themselves do not
say about their issuers (level, province, who took over after 2025)."""

from pathlib import Path

from base.models import AdministrativeUnit
from content.importer import extract_text, parse_text
from content.legal_import import import_document
from content.models import Issuer, LegalLibraryPage

SEEDS = Path(__file__).resolve().parent / "fixtures" / "legal_seeds"

# Facts from shared/domain.md: the district-level issuers' provinces.
ISSUER_PROVINCES = {
    "Ủy ban nhân dân huyện Tam Đường": "Lai Châu",
    "Ủy ban nhân dân thành phố Kon Tum": "Kon Tum",
}


def load_legal_library(library: LegalLibraryPage) -> list:
    pages = []
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_text(extract_text(path))
        result = import_document(
            parsed,
            library=library,
            original=path.read_bytes(),
            filename=path.name,
            publish=True,
            skip_unchanged=True,
        )
        pages.append(result.page)
    for name, province in ISSUER_PROVINCES.items():
        unit = AdministrativeUnit.objects.filter(name=province, level="province").first()
        Issuer.objects.filter(name=name, province__isnull=True).update(province=unit)
    return pages
