"""The search boxes' suggestions (/tim-kiem/goi-y/): what a visitor typing a
number or a few title words is offered, and absurd input answered with nothing."""

import pytest

from content.models import LegalDocumentPage

pytestmark = pytest.mark.django_db

URL = "/tim-kiem/goi-y/"


def suggestions(client, **params) -> list[dict]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.json()["suggestions"]


def test_a_number_prefix_suggests_the_document_with_its_page(corpus, client):
    decree = LegalDocumentPage.objects.get(number="56/2017/NĐ-CP")
    found = suggestions(client, q="56/2017/nd")
    assert found == [{"number": "56/2017/NĐ-CP", "title": decree.title, "url": decree.url}]


def test_title_words_without_diacritics_suggest_the_document(corpus, client):
    found = suggestions(client, q="  chi thi   tang cuong ")
    assert "Chỉ thị tăng cường, nâng cao hiệu quả công tác trẻ em" in [s["title"] for s in found]


ABSURD = [
    "",
    "x",
    "x" * 5000,
    "56\x00/2017",
    "%%",
    "__",
    "'; DROP TABLE search_searchdocument; --",
    "\U0001f642\U0001f642",
    "\u202e\u200b\ufeff",
]


def test_absurd_input_suggests_nothing_and_never_fails(client):
    for query in ABSURD:
        assert suggestions(client, q=query) == [], repr(query)
    assert client.get(URL).json() == {"suggestions": []}
    assert client.get(f"{URL}?q=%00&q=56%2F2017").status_code == 200
