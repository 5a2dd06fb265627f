"""A training manager's pages in the admin, in a browser: no WCAG 2.2 AA violations
in what the pages add, the chart, the CSV template filled in and uploaded."""

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from home.demo import load_site_frame
from learning.models import CourseIndexPage, Enrolment
from learning.quiz.services import enrol
from tests.browser.conftest import AXE_JS, WCAG_TAGS, describe, sign_in
from tests.factories import CourseIndexPageFactory, CoursePageFactory
from tests.learning.managers import learner, make_areas, manager

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "mat-khau-quan-ly-2026"
LONG_TITLE = "Phòng, chống xâm hại tình dục trẻ em dành cho giáo viên mầm non và tiểu học"


def axe_violations(page) -> list[dict]:
    """WCAG violations in the page's header and content (the sidebar is Wagtail's own)."""
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "tags => axe.run({include: [['main']]}, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    assert result["passes"], "axe-core ran no checks"
    return result["violations"]


@pytest.fixture
def signed_in(page, live_server, restore_migrated_data):
    home = load_site_frame()
    areas = make_areas()
    index = CourseIndexPage.objects.filter(locale=home.locale).first() or CourseIndexPageFactory(
        parent=home
    )
    course = CoursePageFactory(parent=index, title="Nhận biết dấu hiệu xâm hại trẻ em")
    long_course = CoursePageFactory(parent=index, title=LONG_TITLE)
    for name, commune in [("Trần Văn An", areas.xa_moi), ("Lê Thị Bình", areas.xa_khac)]:
        someone = learner(name, province=areas.quang_ngai, commune=commune)
        enrol(someone, course)
        enrol(someone, long_course)
    boss = manager(areas.quang_ngai, username="quanly", password=PASSWORD)
    sign_in(page, boss, PASSWORD)
    return course


def test_report_is_reached_from_the_admin_menu(page, signed_in):
    page.get_by_role("link", name="Báo cáo đào tạo").first.click()
    page.wait_for_url("**/admin/dao-tao/bao-cao/")
    assert page.locator(".w-breadcrumbs a[href='/admin/']").count() == 1
    page.select_option("#id_dimension", "commune")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**dimension=commune**")
    assert page.locator("svg.chart[role=img] title").count() >= 1
    assert page.locator(".report-table tbody tr").count() == 2
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_chart_labels_are_whole_and_inside_the_chart(page, signed_in):
    """Long Vietnamese course names wrap onto lines of whole words; every text of the
    chart lies inside the SVG's viewBox."""
    page.goto("/admin/dao-tao/bao-cao/?dimension=course")
    chart = page.locator("svg.chart")
    chart.wait_for()
    texts = chart.evaluate(
        """svg => {
            const box = svg.viewBox.baseVal;
            return [...svg.querySelectorAll('text')].map(t => {
                const b = t.getBBox();
                const spans = [...t.querySelectorAll('tspan')].map(s => s.textContent);
                return {text: spans.length ? spans.join(' ') : t.textContent,
                        x: b.x, y: b.y, right: b.x + b.width, bottom: b.y + b.height,
                        width: box.width, height: box.height};
            });
        }"""
    )
    for text in texts:
        assert "…" not in text["text"], text
        assert text["x"] >= 0 and text["y"] >= 0, text
        assert text["right"] <= text["width"] and text["bottom"] <= text["height"], text
    words = " ".join(t["text"] for t in texts)
    assert all(word in words.split() for word in LONG_TITLE.split())


def test_enrol_from_the_downloaded_template(page, signed_in, tmp_path):
    page.goto("/admin/dao-tao/bao-cao/ghi-danh/")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert "Giáo viên" in page.inner_text(".enrol-roles")
    with page.expect_download() as download_info:
        page.locator("#enrol-template").click()
    download = download_info.value
    assert download.suggested_filename == "mau-danh-sach-hoc-vien.csv"
    template = tmp_path / "mau.csv"
    download.save_as(template)
    header = template.read_text(encoding="utf-8-sig")
    # filled in as Vietnamese Excel saves it: semicolons, BOM, CRLF
    template.write_text(
        header
        + "moi@example.org;Phạm Văn Cường;Giáo viên;Trường A;Quảng Ngãi;Xã Đăk Tô\r\n"
        + "sai;Sai;;;;\r\n",
        encoding="utf-8-sig",
        newline="",
    )
    page.select_option("#id_course", str(signed_in.pk))
    page.set_input_files("#id_file", str(template))
    page.locator("button[value=preview]").click()
    page.locator("#preview-heading").wait_for()
    assert page.locator(".enrol-row--accepted").count() == 1
    assert page.locator(".enrol-row--rejected").count() == 1
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.locator("button[value=confirm]").click()
    page.locator("#done-heading").wait_for()
    assert Enrolment.objects.filter(course=signed_in, user__email="moi@example.org").exists()


def test_certificates_page_is_accessible(page, signed_in):
    page.goto("/hoc-tap/bao-cao/chung-nhan/")  # a former address: redirected into the admin
    page.wait_for_url("**/admin/dao-tao/bao-cao/chung-nhan/")
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_administrator_chooses_a_manager_by_name(page, live_server, restore_migrated_data):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from learning.models import AreaManager
    from learning.reports.models import MANAGERS_GROUP

    load_site_frame()
    areas = make_areas()
    staff = learner("Nguyễn Thị Lan", email="lan@soyte.example")
    staff.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    learner("Lan Học Viên", email="lan.hocvien@example.org")
    admin = get_user_model().objects.create_superuser("quantri", "quantri@example.org", PASSWORD)
    sign_in(page, admin, PASSWORD)
    page.goto(reverse("area_managers:add"))
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.get_by_role("button", name="Chọn cán bộ").click()
    search = page.locator(".modal-content #id_q")
    search.fill("nguyễn lan")
    results = page.locator(".modal-content [data-chooser-modal-choice]")
    expect(results).to_have_count(1)  # the learner called Lan is not staff; nor is the admin
    assert "lan@soyte.example" in results.first.inner_text()
    results.first.click()
    page.locator(".modal-content").wait_for(state="hidden")
    assert "Nguyễn Thị Lan" in page.inner_text("[data-chooser-title]")
    page.select_option("#id_unit", str(areas.quang_ngai.pk))
    page.locator("button[type=submit]").last.click()
    page.wait_for_url(f"**{reverse('area_managers:index')}")
    assert AreaManager.objects.get().user == staff
