"""upsert_page, the one helper the demo loaders write pages with."""

import pytest

from base.demo import stream, upsert_page, upsert_translation
from learning.models import CourseIndexPage, LessonPage
from tests.factories import CoursePageFactory

pytestmark = pytest.mark.django_db


def revisions(page) -> int:
    return page.revisions.count()


def test_creates_publishes_and_changes_nothing_the_second_time(home_page):
    fields = {"title": "Đào tạo", "intro": "<p>Khóa học.</p>"}
    page = upsert_page(home_page, CourseIndexPage, "dao-tao", fields)
    assert page.live and page.title == "Đào tạo" and revisions(page) == 1
    again = upsert_page(home_page, CourseIndexPage, "dao-tao", fields)
    assert again.pk == page.pk and revisions(again) == 1


def test_a_changed_field_publishes_a_new_revision(home_page):
    page = upsert_page(home_page, CourseIndexPage, "dao-tao", {"title": "Đào tạo"})
    page = upsert_page(home_page, CourseIndexPage, "dao-tao", {"title": "Học tập"})
    page.refresh_from_db()
    assert page.title == "Học tập" and revisions(page) == 2


def test_streams_compare_by_content_not_block_ids(home_page):
    course = CoursePageFactory(parent=home_page)
    body = stream([{"type": "paragraph", "value": "<p>Gọi 111.</p>"}])
    lesson = upsert_page(course, LessonPage, "bai-1", {"title": "Bài 1", "body": body})
    upsert_page(course, LessonPage, "bai-1", {"title": "Bài 1", "body": body})
    assert revisions(lesson) == 1


def test_translation_is_created_once(home_page, english):
    page = upsert_page(home_page, CourseIndexPage, "dao-tao", {"title": "Đào tạo"})
    translation = upsert_translation(page, english, {"title": "Training"})
    assert translation.locale == english and translation.title == "Training"
    assert translation.live
    count = revisions(translation)
    again = upsert_translation(page, english, {"title": "Training"})
    assert again.pk == translation.pk and revisions(again) == count
