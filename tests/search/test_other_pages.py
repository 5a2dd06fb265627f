"""The practical help the search page shows beside the legal texts (guidance,
campaigns, courses…) is kept between searches, and is never stale: what an editor
publishes, unpublishes, moves, deletes or restricts shows in the next search."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from content.models import GuidanceIndexPage, GuidancePage
from tests.factories import GuidanceIndexPageFactory, GuidancePageFactory

pytestmark = pytest.mark.django_db

QUERY = {"q": "đuối nước"}


@pytest.fixture
def guides(demo_site):
    index = GuidanceIndexPageFactory(parent=demo_site, title="Hướng dẫn", slug="huong-dan-kt")
    index.save_revision().publish()
    return index


def publish_guide(parent, title="Phòng tránh đuối nước mùa hè", slug="duoi-nuoc-mua-he"):
    page = GuidancePageFactory(parent=parent, title=title, slug=slug)
    page.save_revision().publish()
    return page


def shown(client, query=QUERY) -> str:
    html = client.get("/tim-kiem/", query).content.decode()
    start = html.find('class="other-results"')
    return html[start : html.find("</section>", start)] if start != -1 else ""


def test_a_repeated_search_reuses_what_wagtails_search_found(client, guides):
    guide = publish_guide(guides)
    assert f'href="{guide.url}"' in shown(client)
    with CaptureQueriesContext(connection) as queries:
        again = shown(client, {**QUERY, "loai": "KH"})  # refined by type: a new page
    assert f'href="{guide.url}"' in again
    assert not [q for q in queries.captured_queries if "wagtailsearch_indexentry" in q["sql"]]


def test_what_is_published_after_a_search_is_found_by_the_next(client, guides):
    assert shown(client) == "" or "mùa hè" not in shown(client)
    guide = publish_guide(guides)
    assert f'href="{guide.url}"' in shown(client)


def test_unpublished_deleted_or_restricted_pages_leave_the_next_search(client, guides):
    guide = publish_guide(guides)
    other = publish_guide(guides, title="Dạy trẻ kỹ năng phòng đuối nước", slug="ky-nang")
    assert f'href="{guide.url}"' in shown(client)
    GuidancePage.objects.get(pk=guide.pk).unpublish()  # as the admin loads it
    assert f'href="{guide.url}"' not in shown(client)

    assert f'href="{other.url}"' in shown(client)
    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.LOGIN
    )
    assert f'href="{other.url}"' not in shown(client)
    restriction.delete()
    assert f'href="{other.url}"' in shown(client)

    other.delete()
    assert f'href="{other.url}"' not in shown(client)


def test_a_moved_page_is_shown_at_its_new_address(client, guides, demo_site):
    guide = publish_guide(guides)
    old_url = guide.url
    assert f'href="{old_url}"' in shown(client)
    elsewhere = GuidanceIndexPageFactory(parent=demo_site, slug="huong-dan-moi")
    elsewhere.save_revision().publish()
    guide = GuidancePage.objects.get(pk=guide.pk)  # as the admin's move view loads it
    guide.move(GuidanceIndexPage.objects.get(pk=elsewhere.pk), pos="last-child")
    guide.refresh_from_db()
    html = shown(client)
    assert f'href="{guide.url}"' in html and f'href="{old_url}"' not in html
