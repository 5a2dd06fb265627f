"""The footer is rendered once per language and kept with the menu in the shared cache;
a change to the footer or the menu is on the next page at once."""

from django.test.signals import template_rendered

import pytest

from home.models import FooterSettings, NavigationSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def footer_renders():
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield lambda: names.count("includes/footer.html")
    template_rendered.disconnect(record)


def test_the_footer_is_rendered_once_per_language(client, demo_site, footer_renders):
    client.get("/")
    client.get("/")
    client.get("/tim-kiem/")
    assert footer_renders() == 1
    html = client.get("/en/").content.decode()
    assert footer_renders() == 2
    assert "When a child needs help" in html


def test_a_footer_change_is_on_the_next_page(client, demo_site, django_capture_on_commit_callbacks):
    assert "lienhe@example.vn" not in client.get("/").content.decode()
    footer = FooterSettings.load()
    footer.contact_email = "lienhe@example.vn"
    footer.about_en = "<p>Run by the province.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        footer.save()
    assert 'href="mailto:lienhe@example.vn"' in client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Run by the province." in english and "lienhe@example.vn" in english


def test_a_menu_change_is_on_the_next_page(
    client, demo_site, footer_renders, django_capture_on_commit_callbacks
):
    before = client.get("/").content.decode()
    menu = NavigationSettings.load()
    first = menu.main_menu[0].value["page"]
    assert f'href="{first.url}"' in before
    menu.main_menu = [("link", block.value) for block in menu.main_menu][1:]
    with django_capture_on_commit_callbacks(execute=True):
        menu.save()
    after = client.get("/").content.decode()
    nav = after[after.index('class="main-nav"') : after.index("</nav>", after.index("main-nav"))]
    assert f'href="{first.url}"' not in nav
    assert footer_renders() == 2  # the footer went with the menu
