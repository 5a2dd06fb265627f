"""Opening a page by its address: the pages along the path are read in one query
(home/models.py HomePage.route), with Wagtail's answers for everything else."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    LegalDocumentPageFactory,
    LegalLibraryPageFactory,
    LessonPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(home_page):
    courses = CourseIndexPageFactory(parent=home_page, slug="dao-tao")
    course = CoursePageFactory(parent=courses, slug="nhan-biet-xam-hai")
    return LessonPageFactory(parent=course, slug="bai-1")


def routing_queries(client, url: str) -> tuple[int, list[str]]:
    client.get(url)  # the first request fills the site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_lesson_five_levels_down_opens_from_its_address(client, lesson):
    response, queries = routing_queries(client, lesson.url)
    assert lesson.url == "/dao-tao/nhan-biet-xam-hai/bai-1/"
    assert response.status_code == 200
    assert response.context["page"].pk == lesson.pk
    assert type(response.context["page"]) is type(lesson)  # the specific page, as Wagtail gives
    # Wagtail reads each level's child and then its row (six queries for three levels);
    # here: the pages along the path in one, then the lesson's own row
    along = [q for q in queries if 'FROM "wagtailcore_page"' in q and '"slug" IN' in q]
    assert len(along) == 1
    assert not [q for q in queries if 'FROM "learning_courseindexpage"' in q]


@pytest.mark.parametrize(
    "url",
    [
        "/dao-tao/nhan-biet-xam-hai/bai-2/",  # no such lesson
        "/dao-tao/khoa-khac/bai-1/",  # a wrong course in the middle
        "/khong-co/nhan-biet-xam-hai/bai-1/",  # a wrong section first
        "/dao-tao/nhan-biet-xam-hai/bai-1/them/",  # past the last page
        "/bai-1/",  # the right slug at the wrong depth
    ],
)
def test_an_address_with_a_wrong_part_is_not_found(client, lesson, url):
    assert client.get(url).status_code == 404


def test_a_draft_page_is_not_found_while_its_sibling_is_served(client, home_page):
    campaigns = CampaignIndexPageFactory(parent=home_page, slug="chien-dich")
    live = CampaignPageFactory(parent=campaigns, slug="thang-hanh-dong")
    draft = CampaignPageFactory(parent=campaigns, slug="sap-toi", live=False)
    assert client.get(live.url).status_code == 200
    assert client.get("/chien-dich/sap-toi/").status_code == 404
    assert not draft.live


def test_a_page_with_routes_of_its_own_still_answers_them(client, home_page):
    """The legal library routes its documents, and a document its downloads."""
    library = LegalLibraryPageFactory(parent=home_page, slug="van-ban")
    document = LegalDocumentPageFactory(parent=library, slug="01-kh-ubnd")
    assert client.get(document.url).status_code == 200
    response = client.get(document.url + "tai-ve/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert client.get(document.url + "tai-ve/khong-co/").status_code == 404


def test_a_page_whose_model_was_removed_routes_as_wagtail_routes_it(client, home_page, lesson):
    """Its content type names no model any more: Wagtail's `specific` gives the plain
    page, which routes (and serves) as a Page; its children still open."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page

    gone = ContentType.objects.create(app_label="content", model="removedpage")
    course = lesson.get_parent()
    Page.objects.filter(pk=course.pk).update(content_type=gone)
    assert client.get(lesson.url).status_code == 200
    assert client.get(course.url).status_code == 200
