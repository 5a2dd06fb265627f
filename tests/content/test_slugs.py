import pytest

from content.importer import parse_text
from content.legal_import import slug_for
from content.slugs import slug_formatters, slugify_vi
from tests.factories import CampaignPageFactory

CASES = [
    ("Vui Tết an toàn 2027", "vui-tet-an-toan-2027"),
    ("Trẻ em đón Tết", "tre-em-don-tet"),
    ("ĐIỀU LỆ ưu tiên", "dieu-le-uu-tien"),
    ("Phòng, chống xâm hại trẻ em", "phong-chong-xam-hai-tre-em"),
]


@pytest.mark.parametrize(("title", "slug"), CASES)
def test_slugify_vi(title, slug):
    assert slugify_vi(title) == slug


def test_decomposed_text_folds_the_same():
    import unicodedata

    assert slugify_vi(unicodedata.normalize("NFD", "Trẻ em đón Tết")) == "tre-em-don-tet"


def test_the_admin_formatters_fold_what_the_server_folds():
    import re

    def apply(text: str) -> str:
        for pattern, replacement in slug_formatters():
            text = re.sub(pattern, replacement, text)
        return text

    for title, slug in CASES:
        assert re.sub(r"[^a-z0-9]+", "-", apply(title).lower()).strip("-") == slug


@pytest.mark.django_db
def test_a_page_saved_without_a_slug_gets_the_vietnamese_one(sections):
    page = CampaignPageFactory.build(title="Trẻ em đón Tết", slug="")
    sections["campaigns"].add_child(instance=page)
    assert page.slug == "tre-em-don-tet"
    second = CampaignPageFactory.build(title="Trẻ em đón Tết", slug="")
    sections["campaigns"].add_child(instance=second)
    assert second.slug == "tre-em-don-tet-2"


@pytest.mark.django_db
def test_the_importer_uses_the_same_slugs(home_page):
    from tests.factories import LegalLibraryPageFactory

    library = LegalLibraryPageFactory(parent=home_page)
    parsed = parse_text("ỦY BAN NHÂN DÂN\nKẾ HOẠCH\nVui Tết an toàn đón xuân\n")
    assert slug_for(parsed, library) == slugify_vi(parsed.number or parsed.title).strip("-")[:60]


@pytest.mark.django_db
def test_the_admin_slug_field_carries_the_folding(sections, admin_client):
    from django.urls import reverse

    url = reverse(
        "wagtailadmin_pages:add", args=("content", "campaignpage", sections["campaigns"].pk)
    )
    html = admin_client.get(url).content.decode()
    assert "data-w-slug-formatters-value" in html
    assert "Đđ" in html or "\\u0110\\u0111" in html
