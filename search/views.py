from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from base.vietnamese import fold
from content.models import Topic
from search import querylog
from search.filter_options import active_filter_count, filter_choices
from search.forms import MAX_QUERY, SearchForm, SuggestForm
from search.other_pages import other_pages
from search.query import WORD
from search.service import PER_PAGE, issuer_names, search_documents
from search.suggestions import suggest_documents
from search.types import Filters, SearchRequest


def request_from(params) -> SearchRequest:
    """Validated search parameters: anything forged or out of range is ignored."""
    chosen = SearchForm(params).values()
    topic = chosen["chu-de"]
    return SearchRequest(
        query=(chosen["q"] or "")[:MAX_QUERY],
        filters=Filters(
            doc_type=chosen["loai"] or None,
            issuer_id=chosen["co-quan"],
            year_from=chosen["tu-nam"],
            year_to=chosen["den-nam"],
            status=chosen["hieu-luc"] or None,
            topic=topic.slug if topic else None,
        ),
        sort=chosen["sap-xep"] or "relevance",
        page=chosen["trang"] or 1,
        per_page=PER_PAGE,
    )


def help_first(response) -> bool:
    """Practical help (guidance, campaigns, courses) comes before the documents
    unless the query names a document (by number, or every word in its title)."""
    if not response.hits:
        return True
    top = response.hits[0]
    if top.hit.exact_number:
        return False
    title = set(WORD.findall(fold(top.document.title).lower()))
    return not set(response.parsed.typed_folded_words()) <= title


def search(request):
    search_request = request_from(request.GET)
    response = search_documents(search_request, request)
    if search_request.query.strip() and search_request.page == 1:
        querylog.record(response.parsed.raw, response.total, request)
        # a cached copy of this page (pagecache) counts the search again on every hit
        request.page_cache_on_hit = (
            "search.querylog.record",
            (response.parsed.raw, response.total),
        )
    paginator = Paginator(range(response.total), PER_PAGE)
    other = other_pages(response.parsed) if search_request.page == 1 else []
    return render(
        request,
        "search/search.html",
        {
            "search_query": response.parsed.raw,
            "response": response,
            "page_obj": paginator.get_page(search_request.page) if response.total else None,
            "choices": filter_choices(response.facets, search_request.filters),
            "active_filters": active_filter_count(search_request.filters),
            "other_pages": other,
            "help_first": bool(other) and help_first(response),
            "topics": Topic.objects.order_by("name"),
            "filters": search_request.filters,
            "sort": search_request.sort,
        },
    )


@require_GET
def search_api(request):
    search_request = request_from(request.GET)
    response = search_documents(search_request, request)
    issuers = issuer_names(response.facets.issuer)
    return JsonResponse(
        {
            "query": response.parsed.raw,
            "message": response.message,
            "total": response.total,
            "page": search_request.page,
            "hits": [
                {
                    "number": r.document.number or None,
                    "title": r.document.title,
                    "type": r.document.doc_type_name,
                    "issuer": r.document.issuer.name if r.document.issuer else None,
                    "issued_on": r.document.issued_display or None,
                    "status": r.document.status,
                    "url": r.url,
                    "anchor": r.hit.anchor,
                    "label": r.place,
                    "snippet": r.hit.snippet,
                    "score": r.hit.score,
                }
                for r in response.hits
            ],
            "facets": {
                "type": response.facets.doc_type,
                "issuer": {issuers.get(k, str(k)): v for k, v in response.facets.issuer.items()},
                "year": response.facets.year,
                "status": response.facets.status,
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def suggest(request):
    """Document numbers and titles for the search boxes' suggestions (at most 8)."""
    query = SuggestForm(request.GET).values()["q"] or ""
    return JsonResponse(
        {"suggestions": suggest_documents(query)}, json_dumps_params={"ensure_ascii": False}
    )
