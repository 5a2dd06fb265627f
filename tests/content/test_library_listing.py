"""The library, the home page and the topics show readers what is there: documents
with number, type and date, filters that count, the Vietnamese texts on the English
site, and no empty topic."""

import pytest

from content.demo import load_legal_library
from content.models import LegalDocumentPage, LegalLibraryPage, TopicIndexPage
from content.models.legal import DOC_TYPE_LABELS

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo_site) -> LegalLibraryPage:
    library = LegalLibraryPage.objects.child_of(demo_site).get()
    load_legal_library(library)
    return library


def test_filters_count_and_offer_only_choices_that_give_documents(seeded, client):
    html = client.get(seeded.url).content.decode()
    assert '<option value="KH">Kế hoạch (2)</option>' in html
    assert '<option value="CV">Công văn (1)</option>' in html
    assert 'value="LUAT"' not in html and 'value="expired"' not in html
    # counts follow the other filters
    html = client.get(seeded.url, {"loai": "KH"}).content.decode()
    assert '<option value="2021">2021 (1)</option>' in html
    assert '<option value="KH" selected>Kế hoạch (2)</option>' in html


def test_a_forged_filter_is_ignored(seeded, client):
    response = client.get(seeded.url, {"co-quan": "9" * 40, "nam": "abc", "loai": "<x>"})
    assert response.status_code == 200
    assert "5 văn bản" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "999999999999999999999", "-3", "0", "1e9", "２"])
def test_an_absurd_page_number_shows_the_first_page(seeded, demo_site, client, page):
    from content.models import ArticleIndexPage

    response = client.get(seeded.url, {"trang": page})
    assert response.status_code == 200
    assert response.context["children"].number == 1
    news = ArticleIndexPage.objects.child_of(demo_site).get()
    response = client.get(news.url, {"trang": page})
    assert response.status_code == 200
    assert response.context["children"].number == 1


def test_the_english_library_lists_the_vietnamese_texts_with_english_labels(seeded, client):
    english = seeded.get_translations().get(locale__language_code="en")
    html = client.get(english.url).content.decode()
    assert "5 documents" in html and "No document matches" not in html
    assert '<option value="KH">Plan (2)</option>' in html
    assert "Sexual abuse of children (" in html
    plan = LegalDocumentPage.objects.get(number="03/KH-UBND")
    assert f'<a href="{plan.url}" lang="vi">' in html
    assert "(in Vietnamese)" in html and "Plan 03/KH-UBND" in html


def test_the_home_page_lists_new_documents_with_number_type_and_date(seeded, client):
    html = client.get("/").content.decode()
    section = html[html.index('id="documents-heading"') :]
    assert "Kế hoạch 03/KH-UBND · 07/01/2021" in section
    assert "Công văn 5650/UBND-VX · 28/12/2020" in section
    english = client.get("/en/").content.decode()
    assert "Plan 03/KH-UBND · 07/01/2021 · in Vietnamese" in english


def test_topics_section_lists_only_topics_with_something_to_read(seeded, client, demo_site):
    from content.demo_pages import topic_pages

    index = TopicIndexPage.objects.child_of(demo_site).get()
    topic_pages(index)
    listed = {page.topic.slug for page in index.listed_children()}
    with_documents = {
        slug
        for slug in LegalDocumentPage.objects.live().values_list("topics__slug", flat=True)
        if slug
    }
    assert with_documents <= listed
    for page in index.listed_children():
        assert page.gathered(), page.topic.slug


def test_every_type_has_an_english_label():
    from content.importer import DOC_TYPES

    assert set(DOC_TYPE_LABELS) == set(DOC_TYPES)
