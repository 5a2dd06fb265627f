"""bench_search runs end to end on a small corpus and leaves nothing behind."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from content.models import LegalDocumentPage
from search.models import SearchDocument


def test_bench_prints_its_result_line_and_rolls_back(library):
    before = (LegalDocumentPage.objects.count(), SearchDocument.objects.count())
    out = StringIO()
    call_command(
        "bench_search", docs=30, repeat=1, baseline_timeout=1, stdout=out, stderr=StringIO()
    )
    lines = out.getvalue().strip().splitlines()
    assert lines[-1].startswith("RESULT docs=30 p50_ms=")
    assert {"p95_ms", "baseline_p95_ms", "speedup_p95"} <= {
        field.split("=")[0] for field in lines[-1].split()
    }
    assert (LegalDocumentPage.objects.count(), SearchDocument.objects.count()) == before


@pytest.mark.django_db
def test_bench_without_a_library_says_what_to_do():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("bench_search", docs=10, stdout=StringIO())
