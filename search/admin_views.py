"""Admin report of what visitors search for (counts of normalised queries only)."""

from django.shortcuts import render

from search import querylog


def query_report(request):
    querylog.flush()  # what the buffer holds, so the report is up to date
    return render(
        request,
        "search/admin/query_report.html",
        {
            "top_queries": querylog.report(),
            "zero_result_queries": querylog.report(zero_results_only=True),
            "min_visitors": querylog.MIN_VISITORS,
            "retention_days": querylog.RETENTION_DAYS,
        },
    )
