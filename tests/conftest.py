import time

from wagtail.models import Locale, Site

import pytest

from home.demo import load_site_frame


@pytest.fixture
def home_page(db):
    """The Vietnamese home page created by the migrations."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def demo_site(db):
    """Home page, sections, menu and footer in both languages, as `make run` loads them."""
    return load_site_frame()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache: every test starts with none used, and with no
    search statistics left in this process's buffer."""
    from django.core.cache import cache

    from search import querylog

    def clear():
        cache.clear()
        querylog._buffer.take()
        querylog._buffer.visitors.clear()

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """django-ratelimit counts in windows that end at fixed times of the clock: a test
    whose requests straddle the end of one (125 answer saves on a slow machine) would
    see its count start again. In a test every count stays in one window."""
    from django_ratelimit import core

    started = int(time.time())
    monkeypatch.setattr(core, "_get_window", lambda value, period: started + period)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_second_factor: admin accounts get no second factor on sign-in"
    )


@pytest.fixture(autouse=True)
def _admins_have_a_second_factor(request):
    """Every account that can open the admin must have a second factor; tests that
    sign one in (force_login) for other purposes get an authenticator app at that
    moment. The rule itself is tested with the ``real_second_factor`` marker
    (tests/accounts/test_sign_in_security.py, tests/browser/test_admin_mfa_browser.py)."""
    if request.node.get_closest_marker("real_second_factor"):
        yield
        return
    from django.contrib.auth.signals import user_logged_in

    from accounts.security import can_open_admin
    from tests.mfa import give_totp

    def receiver(sender, user, **kwargs):
        from allauth.mfa.utils import is_mfa_enabled

        if can_open_admin(user) and not is_mfa_enabled(user):
            give_totp(user)

    user_logged_in.connect(receiver, dispatch_uid="tests-admin-second-factor")
    yield
    user_logged_in.disconnect(dispatch_uid="tests-admin-second-factor")
