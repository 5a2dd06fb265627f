"""Demo content for a fresh site: the home page, its sections, menu and footer,
in Vietnamese with English translations. Every function is idempotent."""

from dataclasses import dataclass

from django.db import transaction

from wagtail.models import Locale, Page, Site

from base.demo import update_page, upsert_page, upsert_translation
from content.models import (
    ArticleIndexPage,
    CampaignIndexPage,
    GuidanceIndexPage,
    LegalLibraryPage,
    TopicIndexPage,
)
from home.models import FooterSettings, HomePage, NavigationSettings
from learning.models import CourseIndexPage

HOME_INTRO = (
    "<p>Cổng thông tin của chính quyền cấp tỉnh và cấp xã về phòng, chống xâm hại trẻ em: "
    "văn bản chỉ đạo, kế hoạch và hướng dẫn; các chiến dịch truyền thông; khóa học trực "
    "tuyến cho giáo viên, cha mẹ, cộng tác viên và cán bộ.</p>"
)
HOME_INTRO_EN = (
    "<p>The provincial and commune authorities' portal on preventing child abuse: "
    "directives, plans and guidance; awareness campaigns; online courses for teachers, "
    "parents, collaborators and officials.</p>"
)
FOOTER_ABOUT = (
    "<p>Cổng Bảo vệ Trẻ em do cơ quan lao động – xã hội và thông tin – truyền thông "
    "của địa phương vận hành, đăng tải văn bản, chiến dịch và khóa học về bảo vệ trẻ em.</p>"
)
FOOTER_ABOUT_EN = (
    "<p>The Child Protection Portal is run by the local social affairs and "
    "communication offices. It publishes documents, campaigns and courses on child protection.</p>"
)


@dataclass(frozen=True)
class SectionSpec:
    model: type[Page]
    slug: str
    title: str
    intro: str
    title_en: str
    intro_en: str


SECTIONS = [
    SectionSpec(
        LegalLibraryPage,
        "van-ban",
        "Văn bản",
        "<p>Chỉ thị, kế hoạch, hướng dẫn, công văn, quyết định và luật về bảo vệ trẻ em, "
        "với số hiệu, cơ quan ban hành, ngày ban hành, người ký và toàn văn.</p>",
        "Documents",
        "<p>Directives, plans, guidance, official letters, decisions and laws on child "
        "protection, with their number, issuer, date, signer and full text.</p>",
    ),
    SectionSpec(
        CampaignIndexPage,
        "chien-dich",
        "Chiến dịch",
        "<p>Các chiến dịch truyền thông: Tháng hành động vì trẻ em, phòng chống đuối nước, "
        "an toàn trên môi trường mạng.</p>",
        "Campaigns",
        "<p>Awareness campaigns: Action Month for Children, drowning prevention, "
        "safety online.</p>",
    ),
    SectionSpec(
        GuidanceIndexPage,
        "huong-dan",
        "Hướng dẫn",
        "<p>Hướng dẫn dễ hiểu cho cha mẹ, trẻ em và giáo viên: dấu hiệu xâm hại, cần làm gì, "
        "gọi cho ai.</p>",
        "Guidance",
        "<p>Plain-language help for parents, children and teachers: signs of abuse, what "
        "to do, who to call.</p>",
    ),
    SectionSpec(
        ArticleIndexPage,
        "tin-tuc",
        "Tin tức",
        "<p>Tin tức và thông báo về công tác bảo vệ trẻ em trên cổng.</p>",
        "News",
        "<p>News and announcements about child protection on the portal.</p>",
    ),
    SectionSpec(
        TopicIndexPage,
        "chu-de",
        "Chủ đề",
        "<p>Mỗi chủ đề gom văn bản, chiến dịch, hướng dẫn, tin tức và khóa học về cùng một "
        "vấn đề: xâm hại tình dục, bạo lực, đuối nước, an toàn trên mạng…</p>",
        "Topics",
        "<p>Each topic gathers the documents, campaigns, guidance, news and courses on one "
        "issue: sexual abuse, violence, drowning, safety online…</p>",
    ),
    SectionSpec(
        CourseIndexPage,
        "dao-tao",
        "Đào tạo",
        "<p>Khóa học trực tuyến có bài kiểm tra và chứng nhận cho giáo viên, cha mẹ, "
        "cộng tác viên bảo vệ trẻ em và cán bộ, công chức.</p>",
        "Training",
        "<p>Online courses with quizzes and certificates for teachers, parents, child "
        "protection collaborators and officials.</p>",
    ),
]


def home_page() -> HomePage:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not a HomePage.")
    return update_page(home, {"title": "Cổng Bảo vệ Trẻ em", "intro": HOME_INTRO})


def translate(page: Page, locale: Locale, **fields) -> Page:
    """The page's translation in `locale`, created (with its parent's) if missing."""
    return upsert_translation(page, locale, fields)


def section(home: HomePage, spec: SectionSpec) -> Page:
    fields = {"title": spec.title, "intro": spec.intro, "show_in_menus": True}
    return upsert_page(home, spec.model, spec.slug, fields)


def menu_and_footer(pages: list[Page]) -> None:
    nav = NavigationSettings.load()
    wanted = [("link", {"page": page, "label": ""}) for page in pages]
    current = [block.value["page"].pk for block in nav.main_menu if block.value["page"]]
    if current != [page.pk for page in pages]:
        nav.main_menu = wanted
        nav.save()
    footer = FooterSettings.load()
    if footer.about != FOOTER_ABOUT or footer.about_en != FOOTER_ABOUT_EN:
        footer.about, footer.about_en = FOOTER_ABOUT, FOOTER_ABOUT_EN
        footer.save()


@transaction.atomic
def load_site_frame() -> HomePage:
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = home_page()
    translate(home, english, title="Child Protection Portal", intro=HOME_INTRO_EN)
    pages = []
    for spec in SECTIONS:
        page = section(home, spec)
        translate(page, english, title=spec.title_en, intro=spec.intro_en, show_in_menus=True)
        pages.append(page)
    menu_and_footer(pages)
    return home
