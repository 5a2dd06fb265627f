"""The search page's one filter form, as the server renders it (it works without
JavaScript): choices with their counts, the filters in use counted on the folded
summary, a link that clears them, and forged values ignored."""

import pytest

from search.filter_options import active_filter_count
from search.types import Filters

pytestmark = pytest.mark.django_db


def test_filters_in_use_are_counted_once_per_filter():
    assert active_filter_count(Filters()) == 0
    assert active_filter_count(Filters(year_from=2020, year_to=2021)) == 1  # one year range
    assert active_filter_count(Filters(doc_type="KH", issuer_id=3, status="active")) == 3


def test_the_page_shows_one_folded_filter_form_with_what_is_in_use(corpus, client):
    params = {"q": "trẻ em", "loai": "KH", "tu-nam": "2020"}
    html = client.get("/tim-kiem/", params).content.decode()
    assert html.count('name="loai"') == 1
    assert '<details class="search-filters">' in html  # folded, even with filters in use
    assert 'Bộ lọc <span class="search-filters__count">(2 đang chọn)</span>' in html
    assert '<option value="KH" selected>' in html
    assert 'name="tu-nam" min="1900" max="2200" inputmode="numeric" value="2020"' in html
    assert ">Bỏ lọc</a>" in html and "?q=tr%E1%BA%BB+em" in html
    assert html.index('class="search-count"') < html.index('class="search-filters"')
    assert html.index('class="search-filters"') < html.index('class="listing hits"')


def test_forged_filters_are_ignored_not_counted(corpus, client):
    response = client.get("/tim-kiem/", {"q": "trẻ em", "loai": "<b>", "co-quan": "9" * 30})
    assert response.status_code == 200
    assert "đang chọn" not in response.content.decode()
