import re

from django.core.paginator import Paginator
from django.shortcuts import render

from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")


def search(request):
    """Site search over published pages in the visitor's language."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    words = WORD.findall(query)  # the engine gets plain words: no quotes or operators
    if words:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = pages.search(" ".join(words), operator="and")
    page_obj = Paginator(results, 10).get_page(request.GET.get("trang"))
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results": page_obj},
    )
