"""Personal pages and signed-in responses are never stored (issue 17, finding 5)."""

import pytest

from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("path", ["/hoc-tap/", "/accounts/my-data/", "/accounts/profile/"])
def test_personal_pages_are_private_and_not_stored(client, demo_site, path):
    client.force_login(ProfileFactory().user)
    response = client.get(path)
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)


def test_every_response_to_a_signed_in_user_is_private(client, demo_site):
    client.force_login(ProfileFactory().user)
    assert {"private", "no-store"} <= directives(client.get("/"))
    assert {"private", "no-store"} <= directives(client.get("/en/"))


def test_personal_pages_are_not_stored_even_when_signed_out(client, demo_site):
    assert {"private", "no-store"} <= directives(client.get("/accounts/login/"))
    assert "no-store" not in directives(client.get("/"))
