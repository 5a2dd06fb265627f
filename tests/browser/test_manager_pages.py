"""A training manager's pages in a browser: no WCAG 2.2 AA violations, chart and preview."""

import pytest

from home.demo import load_site_frame
from learning.models import CourseIndexPage
from learning.quiz.services import enrol
from tests.browser.conftest import describe, run_axe, sign_in
from tests.factories import CourseIndexPageFactory, CoursePageFactory
from tests.learning.managers import learner, make_areas, manager

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "mat-khau-quan-ly-2026"


@pytest.fixture
def signed_in(page, live_server, restore_migrated_data):
    home = load_site_frame()
    areas = make_areas()
    index = CourseIndexPage.objects.filter(locale=home.locale).first() or CourseIndexPageFactory(
        parent=home
    )
    course = CoursePageFactory(parent=index, title="Nhận biết dấu hiệu xâm hại trẻ em")
    for name, commune in [("Trần Văn An", areas.xa_moi), ("Lê Thị Bình", areas.xa_khac)]:
        enrol(learner(name, province=areas.quang_ngai, commune=commune), course)
    boss = manager(areas.quang_ngai, username="quanly", password=PASSWORD)
    assert boss.check_password(PASSWORD)
    sign_in(page, boss, PASSWORD)
    return course


def test_report_page_is_accessible(page, signed_in):
    page.goto("/hoc-tap/bao-cao/?dimension=commune")
    assert page.locator("svg.chart[role=img] title").count() >= 1
    assert page.locator(".report-table tbody tr").count() == 2
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_enrolment_preview_is_accessible(page, signed_in, tmp_path):
    csv_file = tmp_path / "hoc-vien.csv"
    csv_file.write_text(
        "email,full_name,province\nmoi@example.org,Phạm Văn Cường,Quảng Ngãi\nsai,Sai,\n",
        encoding="utf-8-sig",
    )
    page.goto("/hoc-tap/bao-cao/ghi-danh/")
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.select_option("#id_course", str(signed_in.pk))
    page.set_input_files("#id_file", str(csv_file))
    page.locator("button[value=preview]").click()
    page.locator("#preview-heading").wait_for()
    assert page.locator(".enrol-row--rejected").count() == 1
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_certificates_page_is_accessible(page, signed_in):
    page.goto("/hoc-tap/bao-cao/chung-nhan/")
    violations = run_axe(page)
    assert not violations, describe(violations)
