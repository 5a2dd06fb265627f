"""The report rows (no database of courses needed): grouping, counting once, rates."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from base.roles import Role
from learning.reports.charts import Series, bar_chart
from learning.reports.exports import report_csv, report_xlsx
from learning.reports.rows import Fact, aggregate, merge_facts, rate
from learning.reports.scope import UnitMap
from tests.learning.managers import make_areas

pytestmark = pytest.mark.django_db


def test_rate_rounds_and_survives_zero():
    assert rate(1, 3) == 33.3
    assert rate(0, 0) == 0.0


def test_one_learner_counts_once_per_course():
    facts = [
        Fact(user_id=1, course_id=10, attempted=True),
        Fact(user_id=1, course_id=10, attempted=True, passed=True, completed=True),
        Fact(user_id=1, course_id=11),
    ]
    merged = merge_facts(facts)
    assert len(merged) == 2
    report = aggregate(facts, "course", units=UnitMap(), courses={10: "Khoá A", 11: "Khoá B"})
    assert [(r.label, r.enrolled, r.completed, r.passed) for r in report.rows] == [
        ("Khoá A", 1, 1, 1),
        ("Khoá B", 1, 0, 0),
    ]
    assert report.total.enrolled == 2


def test_areas_group_merged_units_under_current_ones():
    areas = make_areas()
    facts = [
        Fact(user_id=1, course_id=1, province_id=areas.kon_tum.pk, commune_id=areas.xa_cu.pk),
        Fact(user_id=2, course_id=1, province_id=areas.quang_ngai.pk, commune_id=areas.xa_moi.pk),
        Fact(user_id=3, course_id=1, province_id=areas.kon_tum.pk, completed=True),
        Fact(user_id=4, course_id=1, province_id=areas.hai_phong.pk),
    ]
    by_province = aggregate(facts, "province")
    assert [(r.label, r.enrolled) for r in by_province.rows] == [
        ("Hải Phòng", 1),
        ("Quảng Ngãi", 3),
    ]
    by_commune = aggregate(facts, "commune")
    labels = {r.label: r.enrolled for r in by_commune.rows}
    assert labels["Xã Đăk Tô, Quảng Ngãi"] == 2
    assert sum(labels.values()) == 4


def test_roles_and_organisations():
    facts = [
        Fact(user_id=1, course_id=1, role=Role.PARENT, organisation="Trường  Tiểu học A"),
        Fact(user_id=2, course_id=1, role=Role.TEACHER, organisation="trường tiểu học a"),
        Fact(user_id=3, course_id=1, role=Role.TEACHER, organisation=""),
    ]
    by_role = aggregate(facts, "role", units=UnitMap())
    assert [r.enrolled for r in by_role.rows] == [2, 1]  # teachers first, as in the choices
    by_org = aggregate(facts, "organisation", units=UnitMap())
    assert [(r.label, r.enrolled) for r in by_org.rows][0] == ("Trường Tiểu học A", 2)


def test_pass_rate_is_among_those_who_took_the_final_quiz():
    facts = [
        Fact(user_id=1, course_id=1, attempted=True, passed=True, completed=True),
        Fact(user_id=2, course_id=1, attempted=True),
        Fact(user_id=3, course_id=1),
        Fact(user_id=4, course_id=1),
    ]
    total = aggregate(facts, "course", units=UnitMap(), courses={1: "K"}).total
    assert (total.completion_rate, total.pass_rate) == (25.0, 50.0)


def test_exports_write_the_table():
    facts = [
        Fact(user_id=1, course_id=1, attempted=True, passed=True, completed=True),
        Fact(user_id=2, course_id=1, attempted=True),
        Fact(user_id=3, course_id=2),
    ]
    report = aggregate(
        facts,
        "course",
        units=UnitMap(),
        courses={1: "=HYPERLINK(1)", 2: "Phòng, chống xâm hại"},
        date_from=datetime.date(2026, 1, 1),
        date_to=datetime.date(2026, 6, 30),
    )
    data = report_csv(report, ",")
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    table = report.table()
    assert lines[0] == table[0]
    assert lines[1][0] == "'=HYPERLINK(1)"  # no formula injection
    assert lines[2] == [str(v) for v in table[2]]
    sheet = load_workbook(io.BytesIO(report_xlsx(report))).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == table[0]
    assert rows[2] == table[2]
    assert rows[3] == table[3]  # total


def test_chart_is_accessible_svg_and_escapes_labels():
    svg = bar_chart(
        "c1",
        "Tỉ lệ <hoàn thành>",
        "Mô tả",
        ["Khoá <b>A</b>", "B" * 60],
        [Series("Hoàn thành", [50, 120])],
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output: it must be well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{ns}title").text == "Tỉ lệ <hoàn thành>"
    assert root.find(f"{ns}desc").text == "Mô tả"
    assert "<b>" not in svg
    widths = [float(r.get("width")) for r in root.iter(f"{ns}rect") if r.get("y") != "10"]
    assert max(widths) <= 430  # 120 % is drawn as 100 %


def test_long_chart_labels_wrap_into_whole_words_inside_the_chart():
    """Course names are never cut with an ellipsis: they wrap at spaces, and the
    chart grows to hold every line."""
    long_name = "Phòng, chống xâm hại tình dục trẻ em dành cho giáo viên mầm non và tiểu học"
    svg = bar_chart(
        "c2", "T", "D", [long_name, "Ngắn"], [Series("A", [10, 20]), Series("B", [5, 0])]
    )
    assert "…" not in svg
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    ns = "{http://www.w3.org/2000/svg}"
    height = float(root.get("viewBox").split()[3])
    labels = [t for t in root.iter(f"{ns}text") if t.find(f"{ns}tspan") is not None]
    lines = [span.text for span in labels[0].iter(f"{ns}tspan")]
    assert len(lines) > 1 and " ".join(lines) == long_name
    assert all(len(line) <= 28 for line in lines)
    assert max(float(s.get("y")) for s in root.iter(f"{ns}tspan")) < height - 30
