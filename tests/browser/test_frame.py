import pytest

from home.demo import load_site_frame
from tests.browser.conftest import describe, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(live_server, restore_migrated_data):
    return load_site_frame()


@pytest.mark.parametrize(("path", "lang"), [("/", "vi"), ("/en/", "en")])
def test_home_page_has_no_wcag_violations(page, site, path, lang):
    page.goto(path)
    assert page.get_attribute("html", "lang") == lang
    violations = run_axe(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize(
    "path", ["/van-ban/", "/accounts/login/", "/accounts/signup/", "/tim-kiem/?q=tre+em"]
)
def test_other_pages_have_no_wcag_violations(page, site, path):
    page.goto(path)
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_keyboard_reaches_search_box_with_visible_focus(page, site):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    for _ in range(30):
        page.keyboard.press("Tab")
        # the home page has its own search box (the header's is left out there)
        if page.evaluate("document.activeElement.id") in ("site-search", "home-search"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"
    )
    assert style["outline"] != "none" and style["width"] >= 2


def test_skip_link_moves_focus_to_main(page, site):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_page_reflows_at_320_px(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/en/", "/accounts/signup/"]:
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 320, f"{path} scrolls sideways at 320 px ({overflow}px wide)"


def test_hotline_is_click_to_call_and_stays_visible(page, site):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto("/")
    link = page.locator(".hotline a").first
    assert link.get_attribute("href") == "tel:111"
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(100)
    box = page.locator(".hotline").bounding_box()
    assert box is not None and box["y"] <= 1
