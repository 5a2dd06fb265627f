"""The Wagtail admin in Vietnamese: the main screens rendered in `vi` carry none
of the English labels that Wagtail's own catalogue leaves untranslated or gets
wrong (our site/locale_wagtail catalogue completes and corrects them)."""

import html
import re

from django.contrib.auth.models import Group

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KNOWN_ENGLISH = [
    "Save draft",
    "More actions",
    "Images",
    "Documents",
    "Snippets",
    "Site summary",
    "Page type",
    "Bulk actions",
    "Set schedule",
    "Toggle sidebar",
    "Keyboard shortcuts",
    "Workflows",
    "Last login",
    "Edit this page",
    "Add child page",
    "Actions",  # the explorer header's buttons (aria-label)
]
WRONG = ["Loại văn bản</", "Phê chuẩnvà", "Thực hiện Duyệt"]


def _texts(page: str) -> set[str]:
    page = html.unescape(page)
    nodes = {t.strip() for t in re.findall(r">([^<>]{2,80})<", page)}
    return nodes | set(re.findall(r'(?:aria-label|title|placeholder)="([^"]{2,80})"', page))


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_main_admin_screens_have_no_known_english_label(admin_client, home_page):
    pk = home_page.pk
    screens = [
        "/admin/",
        f"/admin/pages/{pk}/",
        f"/admin/pages/{pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/users/",
        "/admin/workflows/list/",
        "/admin/dao-tao/bao-cao/",  # the training managers' pages
        "/admin/dao-tao/bao-cao/ghi-danh/",
    ]
    for url in screens:
        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 200, url
        page = response.content.decode()
        english = sorted(set(KNOWN_ENGLISH) & _texts(page))
        assert not english, f"{url}: {english}"
        assert not [w for w in WRONG if w in page], url


def test_explorer_type_column_and_workflow_buttons_read_correctly(admin_client, home_page):
    from django.utils import translation

    with translation.override("vi"):
        assert translation.gettext("Type") == "Loại"
        assert translation.gettext("%(label)s and Publish") % {"label": "Duyệt"} == (
            "Duyệt và xuất bản"
        )
        submit = translation.gettext("Submit to %(workflow_name)s")
        assert submit % {"workflow_name": "Duyệt trước khi đăng"} == (
            "Gửi theo quy trình “Duyệt trước khi đăng”"
        )


def test_one_pair_of_editor_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Biên tập viên", "Người duyệt"} <= names
    assert not names & {"Editors", "Moderators"}


def test_admin_dates_are_typed_day_first():
    import datetime

    from django import forms

    from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

    class Dates(forms.Form):
        day = forms.DateField(widget=AdminDateInput)
        moment = forms.DateTimeField(widget=AdminDateTimeInput)

    form = Dates({"day": "25/12/2026", "moment": "01/07/2025 08:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2026, 12, 25)
    assert form.cleaned_data["moment"].date() == datetime.date(2025, 7, 1)
    assert 'value="25/12/2026"' in str(form["day"])


def test_no_gravatar_images_in_the_sidebar(admin_client):
    page = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "gravatar.com" not in page
