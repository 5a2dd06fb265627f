from django import template

from content.legal_downloads import download_links as links_for

register = template.Library()


@register.filter
def download_links(page) -> dict[str, str]:
    """The PDF and original-file addresses of a document page, with their names."""
    return links_for(page)
