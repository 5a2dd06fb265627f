"""The whole training journey in a real browser: sign up, verify the e-mail address,
enrol, read the lessons, start the final quiz, reload it mid-way, fail, retry, pass,
download the certificate, check it through its QR link, and see it revoked by an
administrator with a reason."""

import io
import re

from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from learning.models import AttemptQuestion, Certificate, QuestionType
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    QuestionFactory,
    UserFactory,
)
from tests.learning.conftest import correct_answer, wrong_answer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LEARNER_NAME = "Nguyễn Thị Hồng Đào"
EMAIL = "hong.dao@example.org"
PASSWORD = "Bao-ve-tre-em-2026!"
REASON = "Cấp nhầm: học viên chưa tham dự buổi thực hành"
VALID = "Chứng nhận này còn hiệu lực."
REVOKED = "Chứng nhận này đã bị thu hồi."
LONG = 30_000


@pytest.fixture
def course(live_server, restore_migrated_data):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    section = CourseIndexPageFactory(parent=home, title="Đào tạo")
    course = CoursePageFactory(
        parent=section,
        title="Phòng, chống xâm hại trẻ em dành cho giáo viên",
        quiz_question_count=3,
        pass_mark=100,
        quiz_max_attempts=None,
        issues_certificate=True,
        certificate_valid_months=24,
    )
    course.lesson_list = [
        LessonPageFactory(parent=course, title="Nhận biết dấu hiệu xâm hại"),
        LessonPageFactory(parent=course, title="Gọi Tổng đài 111"),
    ]
    for _ in range(3):
        QuestionFactory(course=course)
    return course


def _rows(public_id) -> list[AttemptQuestion]:
    rows = AttemptQuestion.objects.filter(attempt__public_id=public_id).select_related("question")
    rows = list(rows)
    assert rows and all(r.question.type == QuestionType.SINGLE for r in rows)
    return rows


def _answer(page, row, token: str) -> None:
    page.check(f'input[name="{row.token}"][value="{token}"]')
    page.wait_for_function(
        "t => { const s = document.querySelector(`[data-state-for='${t}']`);"
        " return s && s.textContent.trim() ==="
        " document.getElementById('quiz-messages').dataset.saved; }",
        arg=row.token,
        timeout=LONG,
    )


def _start_quiz(page, course) -> str:
    page.goto(course.url)
    page.click(f'form[action="{reverse("learning_start_quiz", args=[course.pk])}"] button')
    page.wait_for_url(re.compile(r"/hoc-tap/bai-lam/[0-9a-f-]+/$"), timeout=LONG)
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def _submit(page, public_id) -> None:
    page.click('#quiz-form button[type="submit"]')
    page.wait_for_url(f"**/hoc-tap/bai-lam/{public_id}/ket-qua/", timeout=LONG)


def test_whole_training_journey(page, course, browser, live_server):
    page.set_default_timeout(LONG)
    page.on("dialog", lambda dialog: dialog.accept())

    # 1. Sign up and verify the e-mail address.
    mail.outbox.clear()
    page.goto("/accounts/signup/")
    page.fill('input[name="full_name"]', LEARNER_NAME)
    page.fill('input[name="email"]', EMAIL)
    page.fill('input[name="password1"]', PASSWORD)
    page.fill('input[name="password2"]', PASSWORD)
    page.select_option('select[name="role"]', "teacher")
    page.fill('input[name="organisation"]', "Trường Tiểu học Kim Đồng")
    page.check('input[name="consent"]')
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.wait_for_url(lambda url: "/accounts/signup/" not in url, timeout=LONG)
    messages = [m for m in mail.outbox if EMAIL in m.to]
    assert len(messages) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", messages[0].body)
    assert link, messages[0].body
    confirm_path = "/accounts/confirm-email/" + link.group(0).split("/accounts/confirm-email/")[1]
    page.goto(confirm_path)
    page.click('form[action*="confirm-email"] button[type="submit"]')
    page.wait_for_url(lambda url: "/confirm-email/" not in url, timeout=LONG)

    # Log in if confirming the address did not.
    page.goto(course.url)
    enrol_form = f'form[action="{reverse("learning_enrol", args=[course.pk])}"] button'
    if not page.locator(enrol_form).count():
        page.goto(f"/accounts/login/?next={course.url}")
        page.fill('input[name="login"]', EMAIL)
        page.fill('input[name="password"]', PASSWORD)
        page.click('form:has(input[name="password"]) button[type="submit"]')
        page.wait_for_url(f"**{course.url}", timeout=LONG)
    from accounts.models import Profile

    profile = Profile.objects.get(user__email=EMAIL)
    assert profile.full_name == LEARNER_NAME
    assert profile.user.emailaddress_set.get(email=EMAIL).verified

    # 2. Enrol and read the lessons.
    page.click(enrol_form)
    lessons = course.lesson_list
    page.wait_for_url(f"**{lessons[0].url}", timeout=LONG)
    for lesson, after in zip(lessons, [*lessons[1:], course], strict=True):
        page.goto(lesson.url)
        done = f'form[action="{reverse("learning_complete_lesson", args=[lesson.pk])}"] button'
        page.click(done)
        page.wait_for_url(f"**{after.url}", timeout=LONG)
    assert page.locator(".lesson-list__item--done").count() == len(lessons)

    # 3. The final quiz: answers kept after a reload, a failed attempt, then a pass.
    public_id = _start_quiz(page, course)
    rows = _rows(public_id)
    assert len(rows) == 3
    first, second, third = rows
    _answer(page, first, correct_answer(first)[0])
    _answer(page, second, wrong_answer(second)[0])
    page.reload()
    assert page.is_checked(f'input[name="{first.token}"][value="{correct_answer(first)[0]}"]')
    assert page.is_checked(f'input[name="{second.token}"][value="{wrong_answer(second)[0]}"]')
    assert not page.locator(f'input[name="{third.token}"]:checked').count()
    _answer(page, third, correct_answer(third)[0])
    _submit(page, public_id)
    assert not page.locator('a[href$="/pdf/"]').count()
    assert not Certificate.objects.filter(user=profile.user).exists()

    public_id = _start_quiz(page, course)
    for row in _rows(public_id):
        _answer(page, row, correct_answer(row)[0])
    _submit(page, public_id)

    # 4. The certificate PDF carries the learner's name exactly.
    certificate = Certificate.objects.get(user=profile.user)
    assert certificate.learner_name == LEARNER_NAME
    pdf_link = page.locator('a[href$="/pdf/"]')
    pdf_link.wait_for()
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert LEARNER_NAME in text

    # 5. The QR link says the certificate is valid.
    verify_path = f"/chung-nhan/{certificate.display_code}/"
    page.goto(verify_path)
    status = page.locator("#certificate-status")
    assert status.inner_text().strip() == VALID
    assert LEARNER_NAME in page.inner_text("main")

    # 6. An administrator revokes it, with a reason, in the Wagtail admin.
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    admin_context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    try:
        admin_context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        admin_page = admin_context.new_page()
        admin_page.set_default_timeout(LONG)
        edit_path = reverse("learning_certificate:edit", args=[certificate.pk])
        admin_page.goto(edit_path)
        admin_page.fill("#id_revoked_reason", REASON)
        admin_page.click('form:has(#id_revoked_reason) button[type="submit"]')
        admin_page.wait_for_url(lambda url: edit_path not in url, timeout=LONG)
    finally:
        admin_context.close()
    certificate.refresh_from_db()
    assert certificate.revoked_reason == REASON

    # a second visit asks the server again (no-cache): the revocation shows at once
    page.goto(verify_path)
    assert page.locator("#certificate-status").inner_text().strip() == REVOKED
    assert REASON in page.inner_text(".certificate-check__reason")
