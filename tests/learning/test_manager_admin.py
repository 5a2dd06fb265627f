"""Setting up a manager in the admin: the group, the areas' viewset, the menu link."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from learning.models import AreaManager
from learning.reports.models import MANAGERS_GROUP
from learning.reports.scope import is_manager
from tests.factories import UserFactory
from tests.learning.managers import make_areas, manager

pytestmark = pytest.mark.django_db


def test_the_group_gives_the_permission():
    group = Group.objects.get(name=MANAGERS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"manage_training", "access_admin"} <= codenames
    user = UserFactory()
    assert not is_manager(user)
    user.groups.add(group)
    user = type(user).objects.get(pk=user.pk)  # fresh permission cache
    assert is_manager(user)


def test_admin_adds_a_managers_area(client):
    areas = make_areas()
    boss = UserFactory()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    index = reverse("area_managers:index")
    assert client.get(index).status_code == 200
    assert client.get(index, {"q": "Quảng"}).status_code == 200
    response = client.post(
        reverse("area_managers:add"), {"user": boss.pk, "unit": areas.quang_ngai.pk}
    )
    assert response.status_code == 200  # a learner, not staff: not a manager
    assert "user" in response.context["form"].errors
    boss.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    response = client.post(
        reverse("area_managers:add"), {"user": boss.pk, "unit": areas.kon_tum.pk}
    )
    assert response.status_code == 200  # a former province cannot be chosen
    assert not AreaManager.objects.exists()
    response = client.post(
        reverse("area_managers:add"), {"user": boss.pk, "unit": areas.quang_ngai.pk}
    )
    assert response.status_code == 302
    assert AreaManager.objects.get().unit == areas.quang_ngai


def test_report_link_in_the_admin_menu_for_managers(client):
    areas = make_areas()
    client.force_login(manager(areas.quang_ngai))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert reverse("learning_report") in response.content.decode()
    editor = UserFactory(is_superuser=False)
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)
    assert (
        reverse("learning_report") not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_managers_pages_are_admin_pages_with_breadcrumbs(client):
    areas = make_areas()
    client.force_login(manager(areas.quang_ngai))
    for name in ("learning_report", "learning_enrol_csv", "learning_certificates_zip"):
        url = reverse(name)
        assert url.startswith("/admin/")
        html = client.get(url).content.decode()
        assert 'data-controller="w-breadcrumbs"' in html, name  # the admin's header
        assert 'href="/admin/"' in html  # back to the admin's dashboard
        assert 'class="hotline"' not in html  # not the public layout


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/hoc-tap/bao-cao/?dimension=commune", "/admin/dao-tao/bao-cao/?dimension=commune"),
        ("/en/hoc-tap/bao-cao/", "/admin/dao-tao/bao-cao/"),
        ("/hoc-tap/bao-cao/bao-cao.csv?sep=comma", "/admin/dao-tao/bao-cao/bao-cao.csv?sep=comma"),
        ("/hoc-tap/bao-cao/bao-cao.xlsx", "/admin/dao-tao/bao-cao/bao-cao.xlsx"),
        ("/hoc-tap/bao-cao/ghi-danh/", "/admin/dao-tao/bao-cao/ghi-danh/"),
        ("/hoc-tap/bao-cao/chung-nhan/", "/admin/dao-tao/bao-cao/chung-nhan/"),
    ],
)
def test_former_addresses_lead_to_the_admin_pages(client, old, new):
    """Bookmarks and e-mails with the public addresses still work."""
    client.force_login(manager(make_areas().quang_ngai))
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_report_link_hidden_from_a_manager_without_an_area(client):
    client.force_login(manager())  # in the group, no area yet
    assert (
        reverse("learning_report") not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert reverse("learning_report") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_manager_is_chosen_by_searching_staff_by_name_or_email(client):
    """The add form has a chooser, not a select of every username; the chooser
    finds staff by their name or e-mail and never lists learners."""
    staff = UserFactory(email="nguyen.lan@soyte.example", first_name="Lan", last_name="Nguyễn")
    staff.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    learner_account = UserFactory(email="lan.hocvien@example.org", first_name="Lan")
    client.force_login(UserFactory(is_superuser=True, is_staff=True, email="admin@example.org"))
    form = client.get(reverse("area_managers:add")).content.decode()
    assert '<select name="user"' not in form
    assert reverse("staff_chooser:choose") in form
    results = reverse("staff_chooser:choose_results")
    found = client.get(results, {"q": "nguyễn lan"}).content.decode()
    assert "nguyen.lan@soyte.example" in found and learner_account.email not in found
    found = client.get(results, {"q": "SOYTE"}).content.decode()
    assert "Lan Nguyễn &lt;nguyen.lan@soyte.example&gt;" in found
    assert learner_account.email not in client.get(results, {"q": "lan"}).content.decode()
    chosen = client.get(reverse("staff_chooser:chosen", args=[staff.pk])).json()
    assert chosen["result"]["title"] == "Lan Nguyễn <nguyen.lan@soyte.example>"


def test_only_who_assigns_areas_may_list_staff(client):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)
    for url in (
        reverse("staff_chooser:choose"),
        reverse("staff_chooser:choose_results"),
        reverse("staff_chooser:chosen", args=[editor.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
