"""Issue 16 in Chromium: a certificate's QR payload is checked by WebCrypto Ed25519
in the browser, with the network off once the check page has been visited; one
changed letter is refused; a revoked certificate is flagged from the cached signed
list, whose age the page gives; axe-core on the pages."""

import re

import pytest

from learning.certificates.signing import sign_certificate
from tests.browser.conftest import describe, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _alter_one_letter(payload: str) -> str:
    prefix, key_id, body, signature = payload.split(".")
    letter = "B" if body[12] != "B" else "C"
    return ".".join([prefix, key_id, body[:12] + letter + body[13:], signature])


def _verdict(page) -> str:
    page.wait_for_function(
        "() => document.querySelector('#signature-check-result .signature-check__verdict')"
    )
    return page.locator("#signature-check-result").inner_text()


def test_payload_verifies_offline_and_one_changed_letter_is_refused(page, certificates):
    valid, revoked = certificates
    page.goto("/chung-nhan/xac-minh/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20_000)
    page.wait_for_function("() => document.getElementById('signature-check-list').textContent")
    violations = run_axe(page)
    assert not violations, describe(violations)

    page.context.set_offline(True)
    payload = sign_certificate(valid)
    page.goto(f"/chung-nhan/{valid.display_code}/#{payload}")
    text = _verdict(page)
    assert page.locator("#signature-check").get_attribute("class").endswith("--valid")
    assert "Nguyễn Thị Hồng Đào" in text and valid.display_code in text
    assert "Không nằm trong danh sách thu hồi" in text
    age = page.locator("#signature-check-list").inner_text()
    assert re.search(r"Danh sách thu hồi cập nhật lúc .*(phút|giờ)", age), age

    page.goto(f"/chung-nhan/xac-minh/#{_alter_one_letter(payload)}")
    text = _verdict(page)
    assert "Không chấp nhận" in text
    assert page.locator("#signature-check").get_attribute("class").endswith("--invalid")
    assert "Nguyễn" not in text

    # pasted by hand into the form, still offline
    page.fill("#signature-payload", sign_certificate(revoked))
    page.get_by_role("button", name="Kiểm tra chữ ký").click()
    page.wait_for_function(
        "() => document.getElementById('signature-check-result').textContent.includes('Bình')"
    )
    assert "thu hồi" in page.locator("#signature-check-result").inner_text()
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_online_verification_page_also_checks_the_signature(page, certificates):
    valid, _revoked = certificates
    page.goto(f"/chung-nhan/{valid.display_code}/#{sign_certificate(valid)}")
    _verdict(page)
    assert page.locator("#signature-check").get_attribute("class").endswith("--valid")
    violations = run_axe(page)
    assert not violations, describe(violations)
