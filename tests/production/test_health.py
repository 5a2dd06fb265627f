from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_health_checks_database_and_cache(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_fails_when_the_cache_is_down(client):
    with mock.patch("portal.health.cache.set", side_effect=ConnectionError("down")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "failed", "database": "ok", "cache": "failed"}
