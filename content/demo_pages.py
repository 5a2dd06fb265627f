"""Demo campaigns, guidance, news and topic pages, written for this site in
Vietnamese (English for one campaign and one guidance page). Facts come from
shared/domain.md: the 111 hotline, the June Action Month, the themes. No child is
named or shown. Every function is idempotent."""

import datetime

from django.utils import timezone

from wagtail.models import Locale, Page

from base.demo import upsert_page, upsert_translation
from base.roles import Role
from content.demo_images import demo_image, demo_pdf_poster, demo_text_document
from content.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    GuidanceIndexPage,
    GuidancePage,
    LegalDocumentPage,
    Topic,
    TopicIndexPage,
    TopicPage,
)

HOTLINE_TEXT = (
    "<p><b>Tổng đài điện thoại quốc gia bảo vệ trẻ em 111</b>: miễn phí, hoạt động 24 giờ "
    "mỗi ngày, tiếp nhận thông tin về trẻ em bị xâm hại hoặc có nguy cơ bị xâm hại. "
    "Đường dây nóng miễn phí <b>18008077</b>: tư vấn, hỗ trợ, phòng chống mua bán người.</p>"
)
HOTLINE_TEXT_EN = (
    "<p><b>National child protection hotline 111</b>: free, open 24 hours a day, for reports "
    "of children who are abused or at risk. Free hotline <b>18008077</b>: counselling, "
    "support and anti-trafficking.</p>"
)
PRIVACY_NOTE = (
    "<p>Khi chia sẻ thông tin về một vụ việc, không nêu tên, ảnh, trường học hay địa chỉ của "
    "trẻ: pháp luật yêu cầu giữ bí mật thông tin của trẻ bị xâm hại.</p>"
)


def _topic(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


def _para(html: str) -> tuple:
    return ("paragraph", html)


def _callout(title: str, html: str, kind: str = "hotline") -> tuple:
    return ("callout", {"kind": kind, "title": title, "text": html})


def _steps(heading: str, steps: list[tuple[str, str]]) -> tuple:
    return (
        "steps",
        {"heading": heading, "steps": [{"title": t, "text": f"<p>{d}</p>"} for t, d in steps]},
    )


def _faq(heading: str, items: list[tuple[str, str]]) -> tuple:
    return (
        "faq",
        {
            "heading": heading,
            "questions": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in items],
        },
    )


def _save(parent: Page, model, slug: str, fields: dict, topics: list[str]) -> Page:
    """A public page with its topics and the privacy confirmation its text meets."""
    topic_objects = [t for t in (_topic(s) for s in topics) if t is not None]
    fields = {**fields, "topics": topic_objects, "privacy_confirmed": True}
    return upsert_page(parent, model, slug, fields)


def _translate(page: Page, locale: Locale, fields: dict) -> Page:
    return upsert_translation(page, locale, {**fields, "privacy_confirmed": True})


# ---------------------------------------------------------------- campaigns


def campaigns(section: CampaignIndexPage, english: Locale) -> list[CampaignPage]:
    year = timezone.localdate().year
    documents = list(
        LegalDocumentPage.objects.live().filter(locale__language_code="vi").order_by("pk")[:2]
    )
    courses = _courses()

    june_images = [
        demo_image("Tháng hành động vì trẻ em – áp phích", "heart", "june"),
        demo_image("Gọi 111 khi trẻ cần giúp đỡ", "phone", "phone"),
        demo_image("Ngôi nhà an toàn cho trẻ", "house", "home"),
        demo_image("Trường học an toàn, thân thiện", "book", "school"),
        demo_image("An toàn trên môi trường mạng", "shield", "online"),
        demo_image("Mùa hè vui, khỏe, an toàn", "sun", "june"),
    ]
    june_poster = demo_pdf_poster(
        "Áp phích Tháng hành động vì trẻ em",
        "heart",
        "june",
        subtitle="Gọi 111 – Tổng đài điện thoại quốc gia bảo vệ trẻ em, miễn phí, 24/7",
    )
    june_leaflet = demo_text_document(
        "Thông điệp truyền thông Tháng hành động vì trẻ em",
        "thong-diep-thang-hanh-dong.txt",
        "THÔNG ĐIỆP TRUYỀN THÔNG – THÁNG HÀNH ĐỘNG VÌ TRẺ EM (THÁNG 6)\n\n"
        "1. Bảo vệ trẻ em là trách nhiệm của gia đình, nhà trường và toàn xã hội.\n"
        "2. Phát hiện trẻ bị xâm hại hoặc có nguy cơ bị xâm hại: gọi ngay 111 (miễn phí, 24/7).\n"
        "3. Lắng nghe trẻ, tin trẻ và giữ bí mật thông tin của trẻ.\n"
        "4. Không chia sẻ tên, ảnh, trường học, địa chỉ của trẻ bị xâm hại.\n"
        "5. Dạy trẻ kỹ năng tự bảo vệ phù hợp với lứa tuổi.\n",
    )
    june_fields = {
        "title": f"Tháng hành động vì trẻ em năm {year}",
        "summary": (
            "Tháng 6 hằng năm, chính quyền, nhà trường, gia đình và cộng đồng cùng hành động "
            "để trẻ em được an toàn, được lắng nghe và được bảo vệ."
        ),
        "search_description": "Tháng hành động vì trẻ em: thông điệp, tài liệu, tổng đài 111.",
        "start_date": datetime.date(year, 6, 1),
        "end_date": datetime.date(year, 6, 30),
        "audiences": [Role.PARENT, Role.TEACHER, Role.COLLABORATOR, Role.OFFICIAL],
        "image": june_images[0],
        "key_messages": [
            ("message", "Bảo vệ trẻ em là trách nhiệm của gia đình, nhà trường và toàn xã hội."),
            ("message", "Thấy trẻ bị xâm hại hoặc có nguy cơ bị xâm hại: gọi ngay 111."),
            ("message", "Lắng nghe trẻ, tin trẻ và giữ bí mật thông tin của trẻ."),
        ],
        "body": [
            ("heading", {"text": "Tháng hành động là gì?", "level": "h2"}),
            _para(
                "<p>Tháng hành động vì trẻ em được tổ chức vào tháng 6 hằng năm. Trong tháng, "
                "các cơ quan, đoàn thể, nhà trường và thôn, bản tổ chức truyền thông trên cổng "
                "thông tin, hệ thống loa truyền thanh cơ sở, trong trường học, các buổi họp "
                "cộng đồng và trên mạng xã hội.</p>"
            ),
            _steps(
                "Mỗi gia đình có thể làm gì",
                [
                    (
                        "Dành thời gian nói chuyện với con",
                        "Hỏi con về bạn bè, trường lớp, những điều làm con lo lắng.",
                    ),
                    (
                        "Dạy con quy tắc an toàn",
                        "Không ai được chạm vào vùng riêng tư của con; "
                        "con có quyền nói “không” và kể lại với người lớn tin cậy.",
                    ),
                    ("Ghi nhớ số 111", "Dán số tổng đài ở nơi cả nhà dễ thấy."),
                ],
            ),
            _callout("Cần giúp đỡ ngay?", HOTLINE_TEXT),
            (
                "quote",
                {
                    "quote": "Trẻ em có quyền được bảo vệ để không bị xâm hại dưới bất kỳ "
                    "hình thức nào.",
                    "attribution": "Tinh thần của Luật Trẻ em năm 2016",
                },
            ),
            _callout("Giữ bí mật cho trẻ", PRIVACY_NOTE, kind="warning"),
        ],
        "materials": [("document", june_poster), ("document", june_leaflet)],
        "gallery": [
            ("image", {"image": image, "alt_text": alt, "caption": ""})
            for image, alt in zip(
                june_images,
                [
                    "Áp phích: trái tim đỏ trên nền vàng, dòng chữ Tháng hành động vì trẻ em",
                    "Hình điện thoại với số 111 trên màn hình",
                    "Hình ngôi nhà mái xanh, tượng trưng cho gia đình an toàn",
                    "Hình quyển sách mở, tượng trưng cho trường học",
                    "Hình tấm khiên có dấu tích, tượng trưng cho an toàn trên mạng",
                    "Hình mặt trời, tượng trưng cho mùa hè",
                ],
                strict=True,
            )
        ],
        "related_documents": [("document", doc) for doc in documents],
        "related_courses": [("course", course) for course in courses],
    }
    june = _save(
        section,
        CampaignPage,
        "thang-hanh-dong-vi-tre-em",
        june_fields,
        ["xam-hai-tinh-duc", "bao-luc", "bao-mat-thong-tin"],
    )

    water_images = [
        demo_image("Phòng, chống đuối nước mùa hè – áp phích", "buoy", "water"),
        demo_image("Sông, suối, ao hồ: chỉ bơi khi có người lớn", "waves", "water"),
    ]
    water_poster = demo_pdf_poster(
        "Áp phích phòng, chống đuối nước",
        "buoy",
        "water",
        subtitle="Không tắm sông, suối, ao hồ một mình. Học bơi và kỹ năng an toàn dưới nước.",
    )
    water_fields = {
        "title": f"Mùa hè an toàn: phòng, chống đuối nước trẻ em {year}",
        "summary": (
            "Mùa hè là lúc trẻ dễ gặp tai nạn đuối nước nhất. Chiến dịch nhắc cha mẹ, thầy cô "
            "và cộng tác viên những việc cần làm để trẻ vui chơi an toàn gần nước."
        ),
        "start_date": datetime.date(year, 5, 15),
        "end_date": datetime.date(year, 8, 31),
        "audiences": [Role.PARENT, Role.TEACHER, Role.COLLABORATOR],
        "image": water_images[0],
        "key_messages": [
            ("message", "Không để trẻ tắm sông, suối, ao hồ một mình."),
            ("message", "Cho trẻ học bơi và kỹ năng an toàn dưới nước."),
            ("message", "Rào chắn, cắm biển cảnh báo ở ao, hồ, hố nước nguy hiểm."),
        ],
        "body": [
            _para(
                "<p>Đuối nước là một trong những tai nạn thương tích nghiêm trọng nhất ở trẻ em. "
                "Phần lớn tai nạn xảy ra ở ao, hồ, sông, suối gần nhà, khi trẻ chơi không có "
                "người lớn trông.</p>"
            ),
            _steps(
                "Trước mỗi chuyến đi chơi gần nước",
                [
                    ("Hỏi trẻ đi đâu, với ai", "Người lớn biết trẻ ở đâu và khi nào về."),
                    ("Mang áo phao", "Trẻ mặc áo phao khi đi thuyền, đò hoặc chơi ở nơi nước sâu."),
                    ("Luôn có người lớn trông", "Người lớn ở trong tầm tay với trẻ nhỏ."),
                ],
            ),
            _faq(
                "Hỏi đáp",
                [
                    (
                        "Khi thấy người bị đuối nước, trẻ nên làm gì?",
                        "Không nhảy xuống cứu. Gọi to người lớn, ném cho người bị nạn vật nổi "
                        "như can nhựa, phao, và gọi 115 để cấp cứu.",
                    ),
                    (
                        "Ở đâu dạy bơi cho trẻ?",
                        "Hỏi nhà trường, đoàn thanh niên hoặc ủy ban nhân dân xã về các lớp "
                        "dạy bơi và kỹ năng an toàn dưới nước trong hè.",
                    ),
                ],
            ),
            _callout("Cần giúp đỡ?", HOTLINE_TEXT),
        ],
        "materials": [("document", water_poster)],
        "gallery": [
            (
                "image",
                {
                    "image": water_images[0],
                    "alt_text": "Áp phích: phao cứu sinh màu cam trắng trên nền xanh nước",
                    "caption": "",
                },
            ),
            (
                "image",
                {
                    "image": water_images[1],
                    "alt_text": "Hình những con sóng xanh đậm trên nền xanh nhạt",
                    "caption": "",
                },
            ),
        ],
        "related_documents": [("document", doc) for doc in documents[:1]],
        "related_courses": [("course", course) for course in courses],
    }
    water = _save(
        section, CampaignPage, "phong-chong-duoi-nuoc-mua-he", water_fields, ["tai-nan-duoi-nuoc"]
    )

    _translate(
        june,
        english,
        {
            "title": f"Action Month for Children {year}",
            "summary": (
                "Every June, local authorities, schools, families and communities act together "
                "so that children are safe, heard and protected."
            ),
            "search_description": "Action Month for Children: messages, materials, hotline 111.",
            "call_to_action": "Call 111 – the national child protection hotline, free, 24/7",
            "key_messages": [
                ("message", "Protecting children is the duty of families, schools and society."),
                ("message", "If a child is abused or at risk: call 111 at once."),
                ("message", "Listen to children, believe them, keep their information private."),
            ],
            "body": [
                ("heading", {"text": "What is the Action Month?", "level": "h2"}),
                _para(
                    "<p>The Action Month for Children takes place every June. Agencies, schools "
                    "and villages spread its messages on web portals, village loudspeakers, in "
                    "schools, at community meetings and on social media.</p>"
                ),
                _callout("Need help now?", HOTLINE_TEXT_EN),
            ],
            "gallery": [
                ("image", {"image": image, "alt_text": alt, "caption": ""})
                for image, alt in zip(
                    june_images[:3],
                    [
                        "Poster: a red heart on yellow with the words Action Month for Children",
                        "A phone showing the number 111",
                        "A house with a blue roof, standing for a safe family",
                    ],
                    strict=True,
                )
            ],
        },
    )
    return [june, water]


# ---------------------------------------------------------------- guidance

GUIDANCE = [
    {
        "slug": "nhan-biet-dau-hieu-tre-bi-xam-hai",
        "title": "Nhận biết dấu hiệu trẻ có thể đang bị xâm hại",
        "audience": GuidancePage.Audience.PARENTS,
        "topics": ["xam-hai-tinh-duc", "bao-luc"],
        "picture": ("Lắng nghe trẻ mỗi ngày", "heart", "home"),
        "summary": "Những thay đổi ở trẻ mà cha mẹ và người chăm sóc cần để ý, và cách hỏi chuyện "
        "con nhẹ nhàng.",
        "body": [
            _para(
                "<p>Trẻ bị xâm hại thường không kể ngay. Cha mẹ có thể nhận ra qua những thay "
                "đổi kéo dài ở trẻ. Một dấu hiệu riêng lẻ chưa chắc đã là xâm hại, nhưng là lý "
                "do để quan tâm và hỏi chuyện con.</p>"
            ),
            _steps(
                "Những dấu hiệu cần để ý",
                [
                    ("Thay đổi tâm trạng", "Sợ hãi, thu mình, cáu gắt hoặc buồn bã bất thường."),
                    (
                        "Thay đổi thói quen",
                        "Khó ngủ, gặp ác mộng, bỏ ăn, không muốn đến một nơi "
                        "hay gặp một người nào đó.",
                    ),
                    (
                        "Dấu hiệu trên cơ thể",
                        "Vết bầm, vết thương không giải thích được, đau ở vùng kín.",
                    ),
                    (
                        "Hiểu biết không phù hợp tuổi",
                        "Nói hoặc làm những điều về tình dục không phù hợp với lứa tuổi.",
                    ),
                ],
            ),
            _faq(
                "Hỏi đáp",
                [
                    (
                        "Hỏi con thế nào để con dám kể?",
                        "Chọn lúc yên tĩnh, hỏi câu mở như “Dạo này có chuyện gì làm con lo "
                        "không?”. Không trách mắng, không ép con kể chi tiết.",
                    ),
                    (
                        "Nếu nghi ngờ nhưng chưa chắc chắn thì sao?",
                        "Bạn vẫn có thể gọi 111 để được tư vấn miễn phí. Tổng đài viên sẽ giúp bạn "
                        "quyết định bước tiếp theo.",
                    ),
                ],
            ),
            _callout("Gọi 111", HOTLINE_TEXT),
        ],
        "english": {
            "title": "Recognising the signs that a child may be abused",
            "summary": "Changes in a child that parents and caregivers should notice, and how "
            "to gently ask.",
            "body": [
                _para(
                    "<p>Abused children rarely tell at once. Parents may notice lasting changes. "
                    "One sign alone does not prove abuse, but it is a reason to pay attention "
                    "and talk with the child.</p>"
                ),
                _steps(
                    "Signs to notice",
                    [
                        ("Changes in mood", "Fear, withdrawal, unusual anger or sadness."),
                        (
                            "Changes in habits",
                            "Poor sleep, nightmares, not eating, avoiding a place or a person.",
                        ),
                        ("Signs on the body", "Bruises or injuries with no explanation."),
                    ],
                ),
                _faq(
                    "Questions and answers",
                    [
                        (
                            "What if I suspect but am not sure?",
                            "You can still call 111 for free advice. The counsellor will help you "
                            "decide what to do next.",
                        ),
                    ],
                ),
                _callout("Call 111", HOTLINE_TEXT_EN),
            ],
        },
    },
    {
        "slug": "can-lam-gi-khi-tre-ke-bi-xam-hai",
        "title": "Cần làm gì khi trẻ kể mình bị xâm hại",
        "audience": GuidancePage.Audience.EVERYONE,
        "topics": ["xam-hai-tinh-duc", "bao-mat-thong-tin"],
        "picture": ("Các bước khi trẻ kể chuyện", "shield", "home"),
        "summary": "Năm bước cho người lớn khi một đứa trẻ tìm đến kể chuyện: lắng nghe, trấn an, "
        "bảo vệ, báo tin và giữ bí mật.",
        "body": [
            _steps(
                "Năm bước",
                [
                    ("Lắng nghe bình tĩnh", "Để trẻ nói theo cách của mình, không ngắt lời."),
                    (
                        "Tin và trấn an trẻ",
                        "Nói với trẻ: “Con kể là đúng. Đây không phải lỗi của con.”",
                    ),
                    ("Bảo đảm an toàn", "Không để trẻ ở một mình với người bị nghi ngờ."),
                    ("Báo tin", "Gọi 111, hoặc báo công an, ủy ban nhân dân xã nơi trẻ sống."),
                    (
                        "Giữ bí mật",
                        "Không đăng lên mạng xã hội, không kể với người không có trách "
                        "nhiệm. Không nêu tên, ảnh, trường, địa chỉ của trẻ.",
                    ),
                ],
            ),
            _callout("Giữ bí mật cho trẻ", PRIVACY_NOTE, kind="warning"),
            _callout("Gọi 111", HOTLINE_TEXT),
        ],
    },
    {
        "slug": "em-can-giup-do-goi-111",
        "title": "Em cần giúp đỡ? Hãy gọi 111",
        "audience": GuidancePage.Audience.CHILDREN,
        "topics": ["xam-hai-tinh-duc", "bao-luc", "an-toan-mang"],
        "picture": ("Em có thể gọi 111", "phone", "phone"),
        "summary": "Dành cho các em: khi có ai làm em sợ, làm em đau hay bắt em giữ bí mật, em "
        "có thể kể với người lớn tin cậy hoặc gọi 111.",
        "body": [
            _para(
                "<p>Không ai được phép đánh em, làm em đau, chạm vào vùng riêng tư của em hay "
                "bắt em giữ bí mật điều làm em sợ. Nếu điều đó xảy ra, <b>đó không phải lỗi của "
                "em</b>.</p>"
            ),
            _steps(
                "Em có thể làm gì",
                [
                    ("Nói “Không!”", "Nói to và rời khỏi chỗ đó nếu có thể."),
                    (
                        "Kể với người lớn em tin",
                        "Bố mẹ, ông bà, thầy cô hoặc cô chú cộng tác viên ở thôn, bản.",
                    ),
                    (
                        "Gọi 111",
                        "Cuộc gọi miễn phí, ai nghe máy cũng sẵn sàng giúp em, cả ngày lẫn đêm.",
                    ),
                ],
            ),
            _faq(
                "Em hỏi, chúng tôi trả lời",
                [
                    ("Gọi 111 có mất tiền không?", "Không. Gọi 111 hoàn toàn miễn phí."),
                    (
                        "Người khác có biết em đã gọi không?",
                        "Thông tin em kể được giữ bí mật. Tổng đài viên chỉ báo cho những người có "
                        "trách nhiệm giúp em.",
                    ),
                    (
                        "Trên mạng có người lạ đòi ảnh của em thì sao?",
                        "Đừng gửi. Chặn người đó, chụp lại tin nhắn và kể với người lớn em tin, "
                        "hoặc gọi 111.",
                    ),
                ],
            ),
        ],
        "english": {
            "title": "Do you need help? Call 111",
            "summary": "For children: if someone scares you, hurts you or makes you keep a "
            "secret, tell an adult you trust or call 111.",
            "body": [
                _para(
                    "<p>Nobody is allowed to hit you, hurt you, touch your private parts or make "
                    "you keep a secret that scares you. If that happens, <b>it is not your "
                    "fault</b>.</p>"
                ),
                _steps(
                    "What you can do",
                    [
                        ("Say “No!”", "Say it loudly and get away if you can."),
                        (
                            "Tell an adult you trust",
                            "A parent, grandparent, teacher or the "
                            "village child protection collaborator.",
                        ),
                        ("Call 111", "The call is free, and someone is there day and night."),
                    ],
                ),
                _faq(
                    "Your questions",
                    [
                        ("Does calling 111 cost money?", "No. Calling 111 is completely free."),
                        (
                            "Will other people know I called?",
                            "What you say is kept confidential. It is only shared with the people "
                            "whose job is to help you.",
                        ),
                    ],
                ),
            ],
        },
    },
    {
        "slug": "giao-vien-phat-hien-hoc-sinh-bi-bao-luc",
        "title": "Giáo viên làm gì khi phát hiện học sinh bị bạo lực",
        "audience": GuidancePage.Audience.TEACHERS,
        "topics": ["bao-luc", "bao-mat-thong-tin"],
        "picture": ("Nhà trường bảo vệ học sinh", "book", "school"),
        "summary": "Trình tự cho giáo viên và cán bộ quản lý khi phát hiện hoặc nghi ngờ học sinh "
        "bị bạo lực ở nhà hay ở trường.",
        "body": [
            _steps(
                "Trình tự xử lý",
                [
                    (
                        "Bảo đảm an toàn cho học sinh",
                        "Tách học sinh khỏi nguy cơ; nếu bị thương, "
                        "đưa đi sơ cứu, gọi 115 khi cần.",
                    ),
                    (
                        "Báo cáo ban giám hiệu",
                        "Ghi lại sự việc khách quan: thời gian, điều quan "
                        "sát được, lời học sinh kể (đúng như em nói).",
                    ),
                    (
                        "Thông báo cơ quan có trách nhiệm",
                        "Gọi 111 hoặc báo ủy ban nhân dân xã, công an xã; không tự điều tra.",
                    ),
                    (
                        "Hỗ trợ học sinh tiếp tục đi học",
                        "Phối hợp với gia đình (nếu an toàn) và cán bộ bảo vệ trẻ em.",
                    ),
                ],
            ),
            (
                "table",
                {
                    "data": [
                        ["Nên", "Không nên"],
                        ["Lắng nghe, ghi lại đúng lời học sinh", "Hỏi dồn, gợi ý câu trả lời"],
                        ["Giữ hồ sơ ở nơi an toàn", "Kể chuyện trong phòng giáo viên, nhóm chat"],
                        ["Báo cáo theo quy định", "Tự hòa giải với người gây bạo lực"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Nên và không nên",
                },
            ),
            _callout("Giữ bí mật cho học sinh", PRIVACY_NOTE, kind="warning"),
        ],
    },
]


def guidance(section: GuidanceIndexPage, english: Locale) -> list[GuidancePage]:
    pages = []
    for spec in GUIDANCE:
        title, motif, palette = spec["picture"]
        fields = {
            "title": spec["title"],
            "summary": spec["summary"],
            "audience": spec["audience"],
            "image": demo_image(title, motif, palette),
            "body": spec["body"],
        }
        page = _save(section, GuidancePage, spec["slug"], fields, spec["topics"])
        if "english" in spec:
            _translate(page, english, spec["english"])
        pages.append(page)
    return pages


# ---------------------------------------------------------------- news

ARTICLES = [
    {
        "slug": "cong-bao-ve-tre-em-ra-mat",
        "title": "Cổng Bảo vệ Trẻ em: văn bản, chiến dịch và khóa học ở một nơi",
        "days_ago": 3,
        "topics": ["bao-mat-thong-tin"],
        "summary": "Cổng tập hợp văn bản chỉ đạo, hướng dẫn, chiến dịch truyền thông và khóa học "
        "về phòng, chống xâm hại trẻ em của chính quyền cấp tỉnh và cấp xã.",
        "body": [
            _para(
                "<p>Trên cổng, người dân tra cứu được các văn bản về bảo vệ trẻ em theo số hiệu, "
                "cơ quan ban hành, năm và chủ đề; đọc hướng dẫn dễ hiểu dành cho cha mẹ, trẻ em "
                "và giáo viên; theo dõi các chiến dịch truyền thông. Giáo viên, cha mẹ, cộng tác "
                "viên và cán bộ có thể học các khóa học trực tuyến.</p>"
            ),
            _callout("Gọi 111", HOTLINE_TEXT),
        ],
    },
    {
        "slug": "van-ban-truoc-thang-7-2025-van-tra-cuu-duoc",
        "title": "Văn bản của cấp huyện trước ngày 1/7/2025 vẫn tra cứu được",
        "days_ago": 10,
        "topics": [],
        "summary": "Từ ngày 1/7/2025, chính quyền địa phương tổ chức hai cấp. Văn bản do cấp huyện "
        "ban hành trước đó vẫn được lưu và ghi rõ đơn vị tiếp nhận.",
        "body": [
            _para(
                "<p>Từ ngày 1/7/2025, chính quyền địa phương gồm cấp tỉnh và cấp xã; cấp huyện "
                "không còn và nhiều tỉnh, xã đã sáp nhập. Trong thư viện văn bản, mỗi cơ quan "
                "ban hành cũ vẫn giữ tên tại thời điểm ban hành, kèm đơn vị hiện nay đã tiếp "
                "nhận, để các văn bản cũ vẫn được tìm thấy và nhóm đúng.</p>"
            ),
        ],
    },
    {
        "slug": "nhac-lai-quy-tac-an-toan-khi-tre-o-gan-nuoc",
        "title": "Nhắc lại các quy tắc an toàn khi trẻ ở gần nước",
        "days_ago": 20,
        "topics": ["tai-nan-duoi-nuoc"],
        "summary": "Những quy tắc đơn giản giúp giảm nguy cơ đuối nước: người lớn trông trẻ, áo "
        "phao, học bơi, rào chắn ao hồ.",
        "body": [
            _steps(
                "Bốn quy tắc",
                [
                    ("Luôn có người lớn trông", "Trẻ nhỏ ở trong tầm tay người lớn khi gần nước."),
                    ("Áo phao", "Mặc áo phao khi đi đò, thuyền."),
                    ("Học bơi", "Cho trẻ học bơi và kỹ năng an toàn dưới nước."),
                    ("Rào chắn", "Rào ao, hồ, giếng, hố nước gần nhà; đậy nắp chum, vại."),
                ],
            ),
        ],
    },
    {
        "slug": "an-toan-cho-tre-tren-mang",
        "title": "Giúp trẻ an toàn trên môi trường mạng",
        "days_ago": 35,
        "topics": ["an-toan-mang"],
        "summary": "Cha mẹ có thể cùng con đặt quy tắc dùng điện thoại, mạng xã hội và biết cần "
        "làm gì khi con gặp chuyện trên mạng.",
        "body": [
            _para(
                "<p>Trẻ dùng mạng để học và giải trí, nhưng cũng có thể gặp người lạ có ý đồ "
                "xấu, bị bắt nạt hoặc bị đe dọa. Hãy cùng con đặt quy tắc và để con biết rằng "
                "con luôn có thể kể với cha mẹ.</p>"
            ),
            _faq(
                "Hỏi đáp",
                [
                    (
                        "Con bị đe dọa tung ảnh thì làm gì?",
                        "Không làm theo yêu cầu, không trả tiền. Giữ lại bằng chứng, chặn tài "
                        "khoản, báo công an và gọi 111 để được hỗ trợ.",
                    ),
                ],
            ),
        ],
    },
]


def news(section: ArticleIndexPage) -> list[ArticlePage]:
    pages = []
    today = timezone.localdate()
    pictures = {
        "cong-bao-ve-tre-em-ra-mat": ("Cổng Bảo vệ Trẻ em", "screen", "online"),
        "nhac-lai-quy-tac-an-toan-khi-tre-o-gan-nuoc": ("An toàn gần nước", "waves", "water"),
        "an-toan-cho-tre-tren-mang": ("An toàn trên mạng", "shield", "online"),
    }
    for spec in ARTICLES:
        fields = {
            "title": spec["title"],
            "summary": spec["summary"],
            "author": "Ban biên tập Cổng Bảo vệ Trẻ em",
            "body": spec["body"],
        }
        if spec["slug"] in pictures:
            fields["image"] = demo_image(*pictures[spec["slug"]])
        existing = ArticlePage.objects.child_of(section).filter(slug=spec["slug"]).first()
        # The date is set when the article is first created, then kept.
        fields["date"] = (
            existing.date if existing else today - datetime.timedelta(days=spec["days_ago"])
        )
        page = _save(section, ArticlePage, spec["slug"], fields, spec["topics"])
        pages.append(page)
    return pages


# ---------------------------------------------------------------- topics

TOPIC_SUMMARIES = {
    "xam-hai-tinh-duc": "Nhận biết, phòng ngừa và báo tin khi trẻ bị xâm hại tình dục.",
    "bao-luc": "Phòng, chống bạo lực với trẻ em trong gia đình và trường học.",
    "tai-nan-duoi-nuoc": "Phòng tránh tai nạn thương tích và đuối nước, nhất là trong mùa hè.",
    "tai-nan-giao-thong": "Đội mũ bảo hiểm, đi đường an toàn, đưa đón trẻ an toàn.",
    "lao-dong-tre-em": "Ngăn ngừa trẻ em phải lao động trái quy định.",
    "an-toan-mang": "Giúp trẻ sử dụng mạng an toàn, không bị dụ dỗ, bắt nạt.",
    "tao-hon": "Phòng, chống tảo hôn và hôn nhân cận huyết thống ở vùng dân tộc thiểu số.",
    "mua-ban-nguoi": "Phòng, chống mua bán người; đường dây nóng 18008077.",
    "hoan-canh-dac-biet": "Chăm sóc, hỗ trợ trẻ em có hoàn cảnh đặc biệt.",
    "bao-mat-thong-tin": "Giữ bí mật thông tin của trẻ bị xâm hại: không tên, ảnh, trường, "
    "địa chỉ.",
}


def topic_pages(section: TopicIndexPage) -> list[TopicPage]:
    pages = []
    for topic in Topic.objects.filter(slug__in=TOPIC_SUMMARIES):
        fields = {"title": topic.name, "topic": topic, "summary": TOPIC_SUMMARIES[topic.slug]}
        pages.append(_save(section, TopicPage, topic.slug, fields, [topic.slug]))
    return pages


def _courses(language: str = "vi") -> list[Page]:
    """The live courses, when the training app has any (content does not import it)."""
    from django.apps import apps

    try:
        model = apps.get_model("learning", "CoursePage")
    except LookupError:
        return []
    return list(model.objects.live().filter(locale__language_code=language).order_by("pk")[:3])


def featured_courses(home) -> None:
    courses = _courses(home.locale.language_code)
    current = [block.value.pk for block in home.featured_courses if block.value]
    if courses and current != [course.pk for course in courses]:
        home.featured_courses = [("course", course) for course in courses]
        home.save_revision().publish()


def load_public_pages(home) -> dict:
    english = Locale.objects.get_or_create(language_code="en")[0]
    result = {
        "campaigns": campaigns(CampaignIndexPage.objects.child_of(home).get(), english),
        "guidance": guidance(GuidanceIndexPage.objects.child_of(home).get(), english),
        "news": news(ArticleIndexPage.objects.child_of(home).get()),
        "topics": topic_pages(TopicIndexPage.objects.child_of(home).get()),
    }
    featured_courses(home)
    return result
