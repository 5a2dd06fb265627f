"""Report CSVs quote per RFC 4180 (issue 17, finding 9): a cell like
``Org;=HYPERLINK(…)`` must stay one text cell whether the spreadsheet splits on
commas or on semicolons (Vietnamese Excel); formulas stay neutralised."""

import csv
import io

from django.urls import reverse

import pytest

from learning.quiz.services import enrol
from tests.factories import CourseIndexPageFactory, CoursePageFactory
from tests.learning.managers import learner, make_areas, manager

pytestmark = pytest.mark.django_db
EVIL = 'Org;=HYPERLINK("http://attacker.example","bấm")'


@pytest.fixture
def export(client, home_page):
    areas = make_areas()
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="Khóa A")
    enrol(learner("Trần Văn An", province=areas.quang_ngai, organisation=EVIL), course)
    enrol(learner("Lê Thị Bình", province=areas.quang_ngai, organisation="=1+1"), course)
    enrol(learner("Phạm Văn Cường", province=areas.quang_ngai, organisation="Org;=2+2"), course)
    client.force_login(manager(areas.quang_ngai))

    def get(**params) -> str:
        response = client.get(
            reverse("learning_report_csv"), {"dimension": "organisation", **params}
        )
        return response.content.decode("utf-8-sig")

    return get


@pytest.mark.parametrize(("sep", "separator"), [(None, ";"), ("comma", ","), ("semicolon", ";")])
def test_every_text_cell_is_quoted_for_either_separator(export, sep, separator):
    text = export(**({"sep": sep} if sep else {}))
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    labels = [row[0] for row in rows if row]
    assert EVIL in labels  # one cell, intact
    assert "'=1+1" in labels  # the formula neutralisation is kept
    assert "Org;=2+2" in labels
    assert '"Org;=HYPERLINK(""http://attacker.example"",""bấm"")"' in text
    # a spreadsheet splitting on the other separator still sees one cell
    other = ";" if separator == "," else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=other))
    assert any(EVIL in cell for row in rows for cell in row)
    assert not any(cell.startswith("=") for row in rows for cell in row)
