import re

from django.test import override_settings

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/en/",
    "/van-ban/",
    "/en/van-ban/",
    "/accounts/login/",
    "/accounts/signup/",
    "/en/accounts/login/",
    "/accounts/password/reset/",
    "/tim-kiem/?q=trẻ+em",
]


@pytest.mark.parametrize(("url", "lang"), [("/", "vi"), ("/en/", "en")])
def test_home_page_in_each_language(client, demo_site, url, lang):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert "Cổng Bảo vệ Trẻ em" in html if lang == "vi" else "Child Protection Portal" in html


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_hotline_bar_on_every_page(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="tel:111"' in html
    assert 'href="tel:18008077"' in html


def test_hotline_bar_in_vietnamese_on_vietnamese_pages(client, demo_site):
    html = client.get("/").content.decode()
    assert "Tổng đài điện thoại quốc gia bảo vệ trẻ em" in html
    html_en = client.get("/en/").content.decode()
    assert "National child protection hotline" in html_en


def test_main_navigation_lists_sections_in_order(client, demo_site):
    html = client.get("/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    labels = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
    assert labels == [
        "Văn bản",
        "Chiến dịch",
        "Hướng dẫn",
        "Tin tức",
        "Chủ đề",
        "Đào tạo",
        "Tìm kiếm",
    ]


def test_english_navigation_uses_translations(client, demo_site):
    html = client.get("/en/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert re.findall(r"<a [^>]*>([^<]+)</a>", nav) == [
        "Documents",
        "Campaigns",
        "Guidance",
        "News",
        "Topics",
        "Training",
        "Search",
    ]
    assert 'href="/en/van-ban/"' in nav


def test_untranslated_page_left_out_of_english_navigation(client, demo_site, english):
    campaigns_en = demo_site.get_children().get(slug="chien-dich").get_translation(english)
    campaigns_en.unpublish()
    nav = re.search(r'<nav class="main-nav".*?</nav>', client.get("/en/").content.decode(), re.S)
    assert "Campaigns" not in nav.group(0)


def test_language_switcher_links_to_the_translation(client, demo_site):
    html = client.get("/van-ban/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'href="/en/van-ban/"' in switcher
    html_en = client.get("/en/van-ban/").content.decode()
    switcher_en = re.search(r'<nav class="language-switcher".*?</nav>', html_en, re.S).group(0)
    assert 'href="/van-ban/"' in switcher_en


def test_language_switcher_on_non_page_views(client, demo_site):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/en/accounts/login/"' in html


def test_page_without_translation_switches_to_home(client, demo_site, english):
    from tests.factories import GuidanceIndexPageFactory

    # a Vietnamese-only page: the English link goes to the English home page
    page = GuidanceIndexPageFactory(parent=demo_site, title="Chỉ tiếng Việt", slug="chi-tieng-viet")
    html = client.get(page.url).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'href="/en/"' in switcher


def test_404_page_is_vietnamese(client, demo_site):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html
    assert 'href="tel:111"' in html


def test_500_page_is_vietnamese(client, demo_site):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert '<html lang="vi">' in html
    assert "Hệ thống đang gặp sự cố" in html
    assert 'href="tel:111"' in html


def test_section_index_lists_children_newest_first_with_pagination(client, demo_site):
    from tests.factories import GuidanceIndexPageFactory

    library = demo_site.get_children().get(slug="huong-dan").specific
    for i in range(14):
        child = GuidanceIndexPageFactory(parent=library, title=f"Mục con {i}", slug=f"muc-con-{i}")
        child.save_revision().publish()
    first = client.get(library.url).content.decode()
    assert first.index("Mục con 13") < first.index("Mục con 12")
    assert "Mục con 1<" not in first
    second = client.get(library.url + "?trang=2").content.decode()
    assert "Mục con 1<" in second
    # a page number that is not a number still answers
    assert client.get(library.url + "?trang=abc").status_code == 200


@override_settings(DEBUG=False)
def test_security_headers_on_public_pages(client, demo_site):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    # scripts only from our origin or with the per-response nonce, never inline
    assert script_src.split()[0] == "'self'"
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_gets_its_own_policy(client, demo_site, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", "quantri@example.org", "x")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "'nonce-" not in csp
    assert "frame-ancestors 'self'" in csp


def test_no_third_party_assets(client, demo_site):
    """Absolute links may only point at the site itself (canonical, hreflang)."""
    html = client.get("/").content.decode()
    for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
        if not re.match(r"https?://(localhost|testserver|127\.0\.0\.1)(:\d+)?/", url):
            pytest.fail(f"third-party asset on the home page: {url}")


def test_search_page_handles_long_and_odd_queries(client, demo_site):
    for query in [
        "",
        "x" * 10_000,
        '"unbalanced',
        "\x00\x01",
        "a OR b NOT c*",
        "'; DROP TABLE x;--",
    ]:
        response = client.get("/tim-kiem/", {"q": query})
        assert response.status_code == 200
