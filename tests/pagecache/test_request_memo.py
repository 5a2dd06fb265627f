"""The request's site read once per request from the shared cache, chosen as Wagtail
chooses it, and seen afresh as soon as a site changes."""

from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

import pytest

from content.models import LegalLibraryPage
from pagecache.request_memo import site_for_host

pytestmark = pytest.mark.django_db

# (hostname, port, is_default_site) of the sites besides the default "localhost:80"
LAYOUTS = [
    [],
    [("a.example", 80, False)],
    [("a.example", 80, False), ("a.example", 8000, False)],
    [("a.example", 443, False), ("b.example", 80, False), ("b.example", 443, False)],
]
HOSTS = [
    ("localhost", "80"),
    ("localhost", "8000"),
    ("a.example", "80"),
    ("a.example", "8000"),
    ("a.example", "443"),
    ("b.example", "80"),
    ("b.example", "9000"),
    ("unknown.example", "443"),
]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("default", [True, False])
def test_the_site_chosen_is_wagtails(home_page, layout, default):
    Site.objects.update(is_default_site=default)
    for hostname, port, is_default in layout:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home_page, is_default_site=is_default
        )
    sites = list(Site.objects.select_related("root_page"))
    for hostname, port in HOSTS:
        try:
            expected = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            expected = None
        assert site_for_host(sites, hostname, port) == expected, (hostname, port)


def test_a_new_site_serves_its_own_root_at_once(
    client, demo_site, django_capture_on_commit_callbacks
):
    library = LegalLibraryPage.objects.get(locale__language_code="vi")
    home_id = Site.objects.get(is_default_site=True).root_page_id
    assert client.get("/", HTTP_HOST="thu-vien.example").context["page"].pk == home_id
    with django_capture_on_commit_callbacks(execute=True):
        Site.objects.create(hostname="thu-vien.example", port=80, root_page=library)
    response = client.get("/", HTTP_HOST="thu-vien.example")
    assert response.status_code == 200
    assert response.context["page"].pk == library.pk
