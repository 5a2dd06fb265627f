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
