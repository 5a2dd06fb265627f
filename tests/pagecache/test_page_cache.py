"""The anonymous page cache: what is stored, what is served, what each change purges."""

import re

from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Page

import pytest

from content.models import Issuer, LegalLibraryPage
from home.models import FooterSettings, NavigationSettings
from search.models import Synonym
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    LegalDocumentPageFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

NONCE = re.compile(r'nonce="([^"]+)"')


@pytest.fixture
def library(demo_site) -> LegalLibraryPage:
    return LegalLibraryPage.objects.get(locale__language_code="vi")


@pytest.fixture
def document(library):
    issuer = Issuer.objects.create(name="UBND tỉnh Lào Cai", level="province")
    page = LegalDocumentPageFactory(parent=library, issuer=issuer, title="Kế hoạch số 12")
    page.save_revision().publish()
    return page


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Purges run after commit: run them at the end of each block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def state(client, url: str) -> str:
    return get(client, url).headers.get("X-Page-Cache", "none")


def warm(client, *urls: str) -> None:
    for url in urls:
        get(client, url)
        assert state(client, url) == "hit", url


def test_second_anonymous_request_is_a_hit_with_browser_headers(client, demo_site):
    first = get(client, "/")
    assert first["X-Page-Cache"] == "miss"
    second = get(client, "/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    # the outer middleware still adds its headers to hits
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"
    again = client.get("/", HTTP_IF_NONE_MATCH=second["ETag"])
    assert again.status_code == 304


def test_query_strings_are_separate_pages(client, library):
    warm(client, library.url)
    assert state(client, library.url + "?trang=2") == "miss"


def test_signed_in_visitors_never_get_or_fill_the_cache(client, demo_site):
    warm(client, "/")
    user = UserFactory()
    client.force_login(user)
    response = get(client, "/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert state(client, "/") == "hit"


def test_a_visitor_with_messages_is_not_served_from_the_cache(client, demo_site):
    warm(client, "/")
    client.cookies["messages"] = "anything"
    assert state(client, "/") == "none"


def test_responses_setting_cookies_are_not_stored(client, demo_site):
    # the sign-up page sets the CSRF cookie (and is not a Wagtail page anyway)
    client.get("/accounts/signup/")
    client.cookies.clear()
    assert client.get("/accounts/signup/").headers.get("X-Page-Cache") is None


def test_each_hit_gets_its_own_csp_nonce(client, document):
    first = get(client, document.url)
    hits = [get(client, document.url) for _ in range(2)]
    nonces = []
    for response in [first, *hits]:
        body_nonces = set(NONCE.findall(response.content.decode()))
        assert len(body_nonces) == 1
        (nonce,) = body_nonces
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert [r["X-Page-Cache"] for r in hits] == ["hit", "hit"]
    assert len(set(nonces)) == 3
    # a page with a nonce is never kept by a shared cache (CDN)
    assert "private" in hits[0]["Cache-Control"] and "no-cache" in hits[0]["Cache-Control"]


def test_publishing_purges_the_page_its_sections_and_search_not_others(
    client, commit, document, library
):
    campaigns = CampaignIndexPageFactory(parent=library.get_parent(), title="Chiến dịch", slug="cd")
    campaigns.save_revision().publish()
    warm(client, document.url, library.url, "/", "/tim-kiem/?q=ke+hoach", campaigns.url)
    document.refresh_from_db()  # as an editor opens it: already published once
    with commit():
        document.title = "Kế hoạch số 12 (sửa đổi)"
        document.save_revision().publish()
    for url in (document.url, library.url, "/", "/tim-kiem/?q=ke+hoach"):
        response = get(client, url)
        assert response["X-Page-Cache"] == "miss", url
    assert "Kế hoạch số 12 (sửa đổi)" in get(client, document.url).content.decode()
    assert state(client, campaigns.url) == "hit"


def test_unpublishing_purges_the_page(client, commit, document, library):
    warm(client, document.url, library.url)
    with commit():
        document.unpublish()
    assert client.get(document.url).status_code == 404
    assert "Kế hoạch số 12" not in get(client, library.url).content.decode()


def test_deleting_purges_the_page_and_its_section(client, commit, document, library):
    url = document.url
    warm(client, url, library.url)
    with commit():
        Page.objects.get(pk=document.pk).delete()
    assert client.get(url).status_code == 404
    assert state(client, library.url) == "miss"


def test_moving_purges_old_and_new_places(client, commit, document, library):
    other = CampaignIndexPageFactory(parent=library.get_parent(), title="Khác", slug="khac")
    other.save_revision().publish()
    old_url = document.url
    warm(client, old_url, library.url, other.url)
    with commit():
        document.move(other, pos="last-child")
    # Wagtail redirects the old URL to the new one: not the stale copy
    assert client.get(old_url).status_code in (301, 404)
    assert state(client, library.url) == "miss"
    assert state(client, other.url) == "miss"


def test_issuer_change_purges_its_documents(client, commit, document, library):
    warm(client, document.url, library.url)
    with commit():
        issuer = document.issuer
        issuer.name = "UBND tỉnh Lào Cai (mới)"
        issuer.save()
    assert "UBND tỉnh Lào Cai (mới)" in get(client, document.url).content.decode()
    assert state(client, library.url) == "miss"


def test_topic_change_purges_pages_with_it(client, commit, library):
    topic = TopicFactory(name="Đuối nước")
    campaigns = CampaignIndexPageFactory(parent=library.get_parent(), title="Chiến dịch", slug="cd")
    campaigns.save_revision().publish()
    campaign = CampaignPageFactory(parent=campaigns)
    campaign.topics.add(topic)
    campaign.save_revision().publish()
    untouched = CampaignPageFactory(parent=campaigns)
    untouched.save_revision().publish()
    warm(client, campaign.url, untouched.url)
    with commit():
        topic.name = "Phòng, chống đuối nước"
        topic.save()
    assert state(client, campaign.url) == "miss"
    assert state(client, untouched.url) == "hit"


def test_synonym_change_purges_search_only(client, commit, document):
    warm(client, "/tim-kiem/?q=ke+hoach", document.url)
    with commit():
        Synonym.objects.create(terms="kế hoạch, chương trình")
    assert state(client, "/tim-kiem/?q=ke+hoach") == "miss"
    assert state(client, document.url) == "hit"


@pytest.mark.parametrize("model", [NavigationSettings, FooterSettings])
def test_menu_or_footer_change_purges_every_page(client, commit, document, model):
    warm(client, document.url, "/")
    with commit():
        model.load().save()
    assert state(client, document.url) == "miss"
    assert state(client, "/") == "miss"


def test_renaming_a_menu_page_changes_the_menu_everywhere(client, commit, document, library):
    warm(client, document.url)
    with commit():
        library.title = "Thư viện văn bản"
        library.save_revision().publish()
    assert "Thư viện văn bản" in get(client, document.url).content.decode()


def test_import_purges_the_library(client, commit, library, tmp_path):
    warm(client, library.url)
    source = tmp_path / "kh.txt"
    source.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 77/KH-UBND\nLào Cai, ngày 3 tháng 3 năm 2026\n"
        "KẾ HOẠCH\nPhòng, chống xâm hại trẻ em năm 2026\nI. MỤC ĐÍCH\nBảo vệ trẻ em.\n",
        encoding="utf-8",
    )
    with commit(), open(tmp_path / "out.txt", "w") as out:
        call_command("import_legal_texts", str(source), "--publish", stdout=out)
    assert "77/KH-UBND" in get(client, library.url).content.decode()


@override_settings(PAGE_CACHE_ENABLED=False)
def test_the_cache_can_be_turned_off(client, demo_site):
    get(client, "/")
    assert state(client, "/") == "none"


def test_a_cached_search_still_counts_in_the_statistics(client, document):
    from search.models import QueryStat

    for _ in range(3):
        get(client, "/tim-kiem/?q=ke+hoach")
    assert state(client, "/tim-kiem/?q=ke+hoach") == "hit"
    from search.querylog import normalise, query_hash

    # one visitor: counted under the query's keyed hash (the text waits for 3 visitors)
    stat = QueryStat.objects.get(query_hash=query_hash(normalise("ke hoach")))
    assert stat.searches == 4
