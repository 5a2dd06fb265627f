"""Managers' report page and its CSV/XLSX exports, on real enrolments and attempts."""

import csv
import datetime
import io
import re
from html import unescape

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.users.models import UserProfile

import pytest
from openpyxl import load_workbook

from base.roles import Role
from learning.models import Enrolment, QuizAttempt
from learning.quiz.services import enrol
from tests.factories import CourseIndexPageFactory, CoursePageFactory, UserFactory
from tests.learning.managers import learner, make_areas, manager

pytestmark = pytest.mark.django_db
URL = reverse("learning_report")


def final_attempt(enrolment, *, passed: bool, number: int = 1):
    now = timezone.now()
    return QuizAttempt.objects.create(
        enrolment=enrolment,
        lesson=None,
        number=number,
        started_at=now,
        submitted_at=now,
        score=90 if passed else 20,
        passed=passed,
    )


@pytest.fixture
def world(home_page):
    areas = make_areas()
    index = CourseIndexPageFactory(parent=home_page)
    course_a = CoursePageFactory(parent=index, title="Nhận biết dấu hiệu xâm hại")
    course_b = CoursePageFactory(parent=index, title="An toàn trên mạng")
    an = learner(
        "Trần Văn An", province=areas.quang_ngai, commune=areas.xa_khac, organisation="Trường A"
    )
    binh = learner(
        "Lê Thị Bình",
        province=areas.kon_tum,
        commune=areas.xa_cu,
        organisation="Trường A",
        role=Role.PARENT,
    )
    dung = learner(
        "Đỗ Thị Dung",
        province=areas.hai_phong,
        commune=areas.xa_hp,
        organisation="Trường Hải Phòng",
    )
    # An: course A, failed then passed, completed; and course B, not finished
    e = enrol(an, course_a)
    final_attempt(e, passed=False)
    final_attempt(e, passed=True, number=2)
    Enrolment.objects.filter(pk=e.pk).update(completed_at=timezone.now())
    enrol(an, course_a)  # enrolling again changes nothing
    enrol(an, course_b)
    # Bình (former commune of a merged province): failed course A twice
    e = enrol(binh, course_a)
    final_attempt(e, passed=False)
    final_attempt(e, passed=False, number=2)
    # Dung, in another province: completed course A
    e = enrol(dung, course_a)
    final_attempt(e, passed=True)
    Enrolment.objects.filter(pk=e.pk).update(completed_at=timezone.now())
    return {
        "areas": areas,
        "courses": (course_a, course_b),
        "learners": (an, binh, dung),
        "boss": manager(areas.quang_ngai),
    }


def _cell(html: str) -> str:
    text = unescape(re.sub(r"<[^>]+>", "", html)).strip()
    # the page writes decimals the Vietnamese way (50,0); files write 50.0
    return text.replace(",", ".") if re.fullmatch(r"\d+,\d+", text) else text


class _Table:
    """The report table of a page, as rows of cell texts."""

    def __init__(self, html: str):
        table = re.search(r'<table class="listing report-table">(.*?)</table>', html, re.S)
        self.rows = (
            [
                [_cell(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
                for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
            ]
            if table
            else []
        )


def page(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_report_counts_each_learner_once_per_course(client, world):
    response = page(client, world["boss"], dimension="course")
    assert response.status_code == 200
    rows = _Table(response.content.decode()).rows
    by_label = {row[0]: row[1:] for row in rows[1:]}
    # course A: An and Bình (Dung is in Hải Phòng); An passed and completed
    assert by_label["Nhận biết dấu hiệu xâm hại"] == ["2", "1", "50.0", "2", "1", "50.0"]
    assert by_label["An toàn trên mạng"] == ["1", "0", "0.0", "0", "0", "0.0"]
    assert rows[-1][1] == "3"  # total


def test_merged_units_are_counted_under_current_ones(client, world):
    rows = _Table(page(client, world["boss"], dimension="commune").content.decode()).rows
    labels = [row[0] for row in rows[1:-1]]
    assert "Xã Đăk Tô, Quảng Ngãi" in labels  # Bình's former commune, counted under the new one
    assert all("Kon Tum" not in label and "Hồng Bàng" not in label for label in labels)
    rows = _Table(page(client, world["boss"], dimension="province").content.decode()).rows
    assert [row[:2] for row in rows[1:-1]] == [["Quảng Ngãi", "3"]]
    assert rows[-1][1] == "3"


def test_manager_does_not_see_another_areas_learners(client, world):
    for dimension in ("organisation", "province", "commune", "role", "course"):
        response = page(client, world["boss"], dimension=dimension)
        text = response.content.decode()
        assert "Trường Hải Phòng" not in text
        assert "Hải Phòng" not in "".join(row[0] for row in _Table(text).rows)
        for fmt in ("csv", "xlsx"):
            export = client.get(reverse(f"learning_report_{fmt}"), {"dimension": dimension})
            assert export.status_code == 200
            body = (
                export.content.decode("utf-8-sig") if fmt == "csv" else _xlsx_text(export.content)
            )
            assert "Hải Phòng" not in body
    other = manager(world["areas"].hai_phong)
    rows = _Table(page(client, other, dimension="organisation").content.decode()).rows
    assert [row[:2] for row in rows[1:-1]] == [["Trường Hải Phòng", "1"]]


def test_a_unit_outside_the_area_cannot_be_chosen(client, world):
    response = page(client, world["boss"], unit=world["areas"].xa_hp.pk)
    assert response.status_code == 200
    assert response.context["report"] is None
    assert "unit" in response.context["form"].errors
    export = client.get(reverse("learning_report_csv"), {"unit": world["areas"].xa_hp.pk})
    assert export.status_code == 400


def _value(cell):
    """A cell as a number when it is one (50, 50.0 and "50.0" are the same figure)."""
    try:
        return float(cell)
    except (TypeError, ValueError):
        return cell


def _xlsx_text(data: bytes) -> str:
    sheet = load_workbook(io.BytesIO(data)).active
    return "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)


@pytest.mark.parametrize("dimension", ["course", "role", "organisation", "province", "commune"])
def test_exports_match_the_screen(client, world, dimension):
    screen = _Table(page(client, world["boss"], dimension=dimension).content.decode()).rows
    assert len(screen) >= 3
    data = client.get(reverse("learning_report_csv"), {"dimension": dimension})
    assert data["Content-Type"].startswith("text/csv")
    # Vietnamese Excel: semicolons and a decimal comma
    lines = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig")), delimiter=";"))
    lines = [[re.sub(r"^(\d+),(\d)$", r"\1.\2", cell) for cell in row] for row in lines]
    assert lines[: len(screen)] == screen
    data = client.get(reverse("learning_report_xlsx"), {"dimension": dimension})
    sheet = load_workbook(io.BytesIO(data.content)).active
    cells = [list(row) for row in sheet.iter_rows(max_row=len(screen), values_only=True)]
    assert [[_value(v) for v in row] for row in cells] == [[_value(v) for v in r] for r in screen]
    assert isinstance(cells[1][3], int | float)  # numbers, not text


def test_period_is_on_the_enrolment_date(client, world):
    an = world["learners"][0]
    Enrolment.objects.filter(user=an).update(
        enrolled_at=timezone.make_aware(datetime.datetime(2024, 3, 1, 10))
    )
    rows = _Table(
        page(client, world["boss"], date_from="2024-01-01", date_to="2024-12-31").content.decode()
    ).rows
    assert rows[-1][1] == "2"  # total: An's two courses only
    response = page(client, world["boss"], date_from="2024-02-01", date_to="2024-01-01")
    assert response.context["report"] is None


def test_chart_is_rendered_on_the_server(client, world):
    response = page(client, world["boss"])
    text = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in text
    assert 'role="img"' in text and "<desc" in text
    assert "<script" not in text.split("<main", 1)[1].split("</main>")[0]
    with translation.override("vi"):
        assert gettext("How learners are counted:") in text


def test_only_managers_get_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    pages = [URL, reverse("learning_report_csv"), reverse("learning_enrol_csv")]
    client.force_login(UserFactory())  # a learner: not let into the admin at all
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Biên tập viên"))  # in the admin, not a manager
    client.force_login(editor)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    "params",
    [
        {"dimension": "evil"},
        {"course": "999999"},
        {"course": "abc"},
        {"date_from": "2026-13-45"},
        {"unit": "-1"},
    ],
)
def test_forged_filters_are_form_errors(client, world, params):
    response = page(client, world["boss"], **params)
    assert response.status_code == 200
    assert response.context["report"] is None
    assert client.get(reverse("learning_report_xlsx"), params).status_code == 400


def test_superuser_sees_the_whole_country(client, world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    rows = _Table(page(client, admin, dimension="province").content.decode()).rows
    assert {row[0] for row in rows[1:-1]} == {"Quảng Ngãi", "Hải Phòng"}


def test_superuser_narrows_to_a_commune_after_choosing_its_province(client, world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    areas = world["areas"]
    units = page(client, admin).context["form"].fields["unit"].queryset
    assert areas.quang_ngai in units and areas.xa_khac not in units  # provinces only at first

    response = page(client, admin, unit=areas.quang_ngai.pk, dimension="commune")
    units = response.context["form"].fields["unit"].queryset
    assert {areas.xa_moi, areas.xa_khac} <= set(units)
    assert areas.xa_hp not in units and areas.xa_cu not in units  # other province; merged away
    html = response.content.decode()
    described_by = re.search(r'<select name="unit"[^>]*aria-describedby="([^"]+)"', html)
    assert described_by and f'id="{described_by.group(1)}"' in html

    response = page(client, admin, unit=areas.xa_khac.pk, dimension="course")
    assert response.context["form"].is_valid()
    rows = _Table(response.content.decode()).rows
    # only An is registered in Phường Trương Quang Trọng: course A and course B
    assert [row[:2] for row in rows[1:-1]] == [
        ["An toàn trên mạng", "1"],
        ["Nhận biết dấu hiệu xâm hại", "1"],
    ]


def test_superuser_forged_area_is_a_form_error(client, world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    for forged in ("99999999999999999999999", "-1", "abc"):
        response = page(client, admin, unit=forged)
        assert response.status_code == 200
        assert "unit" in response.context["form"].errors


def test_csv_for_vietnamese_excel_and_the_english_one(client, world):
    client.force_login(world["boss"])
    vi = client.get(reverse("learning_report_csv")).content.decode("utf-8-sig")
    assert ";" in vi.splitlines()[0] and "," not in vi.splitlines()[1].split(";")[0][-1:]
    assert any("," in cell for cell in vi.splitlines()[1].split(";")[2:])
    # a manager whose admin is in English gets the English one
    profile = UserProfile.get_for_user(world["boss"])
    profile.preferred_language = "en"
    profile.save()
    en = client.get(reverse("learning_report_csv")).content.decode("utf-8-sig")
    assert ";" not in en.splitlines()[0]
    assert any("." in cell for cell in next(csv.reader(io.StringIO(en.splitlines()[1])))[2:])
