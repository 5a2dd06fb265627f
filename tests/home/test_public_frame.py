"""The public frame on every page: one search landmark, a favicon, a meta
description, hotlines that dial, an English menu without empty sections, a
language switch that says when a page has no translation, and a featured
campaign that is never one that has ended."""

import datetime
import re

import pytest

from content.templatetags.hotline_tags import link_hotlines
from home.models import HomePage
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/en/", "/tim-kiem/", "/quyen-rieng-tu/", "/khong-co/"])
def test_one_search_landmark_favicon_and_description(client, demo_site, url):
    html = client.get(url).content.decode()
    assert html.count('role="search"') == 1
    assert 'rel="icon"' in html and "favicon.svg" in html
    description = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert description and len(description.group(1)) > 40


def test_header_has_menu_and_search_buttons_and_account_links(client, demo_site):
    html = client.get("/quyen-rieng-tu/").content.decode()
    assert 'aria-controls="site-menu"' in html and 'aria-controls="header-search"' in html
    assert "Đăng nhập" in html and "Đăng ký" in html


def test_both_hotlines_named_the_same_way_in_bar_and_footer(client, demo_site):
    html = client.get("/").content.decode()
    name = "Đường dây nóng tư vấn, hỗ trợ trẻ em, phòng, chống mua bán người"
    assert html.count(name) == 2  # hotline bar and footer
    assert html.count('href="tel:18008077"') == 2
    assert "Tổng đài điện thoại quốc gia bảo vệ trẻ em" in html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Gọi 111 ngay.</p>", '<p>Gọi <a href="tel:111">111</a> ngay.</p>'),
        ("<p>Số 1800 8077.</p>", '<p>Số <a href="tel:18008077">1800 8077</a>.</p>'),
        ("<p>(18008077)</p>", '<p>(<a href="tel:18008077">18008077</a>)</p>'),
        ('<p><a href="tel:111">111</a></p>', '<p><a href="tel:111">111</a></p>'),
        ("<p>Quyết định 111/QĐ-UBND, 1111 người, 2.111 em, 111,5</p>", None),
        ('<img alt="111" src="a.png">', None),
    ],
)
def test_hotline_numbers_in_text_become_links(html, expected):
    assert link_hotlines(html) == (expected or html)


def test_an_ended_campaign_is_never_featured(demo_site):
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    index = CampaignIndexPageFactory(parent=home, title="Chiến dịch cũ", slug="chien-dich-cu")
    past = datetime.date.today() - datetime.timedelta(days=40)
    ended = CampaignPageFactory(
        parent=index, start_date=past, end_date=past + datetime.timedelta(days=10)
    )
    assert home.front_page_items()["campaign"] is None
    home.featured_campaign = ended
    assert home.front_page_items()["campaign"] is None
    running = CampaignPageFactory(parent=index)
    assert home.front_page_items()["campaign"] == running


def test_english_menu_leaves_out_sections_with_nothing_in_english(
    client, demo_site, django_capture_on_commit_callbacks
):
    from content.models import CampaignIndexPage

    index = CampaignIndexPage.objects.get(locale__language_code="vi")
    english_title = index.get_translation(_locale("en")).title
    assert english_title in _nav(client.get("/en/").content.decode())  # both empty: listed
    with django_capture_on_commit_callbacks(execute=True):  # the menu's cache is purged
        CampaignPageFactory(parent=index).save_revision().publish()  # Vietnamese only
    assert index.title in _nav(client.get("/").content.decode())
    en_nav = _nav(client.get("/en/").content.decode())
    assert english_title not in en_nav
    assert "Search" in en_nav


def test_language_switch_says_when_a_page_has_no_translation(client, demo_site):
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    index = CampaignIndexPageFactory(parent=home, title="Chỉ tiếng Việt", slug="chi-tieng-viet")
    html = client.get(index.url).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'aria-describedby="no-translation-en"' in switcher
    assert "has no version in this language" in switcher
    translated = client.get("/").content.decode()
    assert "no-translation-en" not in translated


def _locale(code: str):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


def _nav(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)
