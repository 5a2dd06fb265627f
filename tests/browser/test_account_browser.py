"""The account area in a real browser, on a phone: the header's sign-in/sign-up
links, the signed-in name with its menu and a sign-out form; the invitation link
that signs a teacher in on their course. axe clean. (The sign-up form's commune
select: test_signup_form_browser.py.)"""

from pathlib import Path

from django.urls import reverse

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str

from learning.models import Enrolment
from tests.browser.conftest import describe, run_axe
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    ProfileFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"


@pytest.fixture
def phone(browser, live_server, restore_migrated_data):
    page = _new_page(browser, live_server)
    yield page
    page.context.close()


def _new_page(browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844}, **options
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def _sign_in(page, live_server, user) -> None:
    """A session made by Django's test client, handed to the browser (the sign-in
    form itself is tested elsewhere)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_account_area_signed_out_then_in_then_out(phone, live_server):
    user = UserFactory(email="nhung@example.org", username="nhung.gv")
    ProfileFactory(user=user, full_name="Nguyễn Thị Nhung")
    page = phone
    page.goto("/quyen-rieng-tu/")
    page.get_by_role("button", name="Danh mục").click()
    account = page.get_by_role("navigation", name="Tài khoản")
    assert account.get_by_role("link", name="Đăng nhập").is_visible()
    assert account.get_by_role("link", name="Đăng ký").is_visible()
    assert not (violations := run_axe(page)), describe(violations)

    _sign_in(page, live_server, user)
    page.goto("/accounts/profile/")
    page.get_by_role("button", name="Danh mục").click()
    account = page.get_by_role("navigation", name="Tài khoản")
    assert "Nguyễn Thị Nhung" in account.inner_text()
    assert "nhung.gv" not in page.content()
    for name in ["Học tập của tôi", "Hồ sơ", "Dữ liệu của tôi"]:
        assert account.get_by_role("link", name=name).is_visible()
    assert page.locator("select[name=role]").input_value() == "teacher"
    assert not (violations := run_axe(page)), describe(violations)
    account.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()
    page.goto("/quyen-rieng-tu/")
    assert page.get_by_role("link", name="Đăng nhập", include_hidden=True).count() == 1
    assert "Nguyễn Thị Nhung" not in page.content()


def test_invited_teacher_sets_a_password_and_lands_on_the_course(phone):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home), title="Khóa học mời")
    user = UserFactory(email="moi@example.org", username="moi-1")
    user.set_unusable_password()
    user.save()
    ProfileFactory(user=user, full_name="Lê Thị Bình")
    Enrolment.objects.create(user=user, course=course)
    link = reverse(
        "learning_invitation",
        kwargs={
            "course_id": course.pk,
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    page = phone
    page.goto(link)
    assert "Khóa học mời" in page.locator("main").inner_text()
    assert not (violations := run_axe(page)), describe(violations)
    page.fill("input[name=password1]", "Mat-khau-moi-2026!")
    page.fill("input[name=password2]", "Mat-khau-moi-2026!")
    page.get_by_role("button", name="Lưu mật khẩu và mở khóa học").click()
    page.wait_for_url(f"**{course.url}")
    page.get_by_role("button", name="Danh mục").click()
    assert "Lê Thị Bình" in page.get_by_role("navigation", name="Tài khoản").inner_text()
