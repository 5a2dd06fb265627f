"""Demo training content: two courses in Vietnamese, three lessons each, a question
bank with explanations, and a demo learner. Every function is idempotent.

Facts used: Luật Trẻ em số 102/2016/QH13 (in force from 1/6/2017; a child is a
person under 16; the forms of abuse; confidentiality of children's private
information), the national child protection hotline 111 (free, 24/7) and the
free counselling line 18008077, the Action Month for Children every June."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from allauth.account.models import EmailAddress

from accounts.models import Profile, User
from base.roles import Role
from learning.models import Choice, CourseIndexPage, CoursePage, LessonPage, Question

DEMO_LEARNER_EMAIL = "hocvien.demo@example.org"
DEMO_LEARNER_PASSWORD = "HocVien-Demo-2026"  # noqa: S105 - documented demo account, never in production
DEMO_LEARNER_NAME = "Trần Thị Mai"

S, M, TF, ORD = "single", "multiple", "true_false", "ordering"


@dataclass
class Q:
    type: str
    text: str
    options: list[tuple[str, bool]]
    explanation: str
    lesson: int | None = None  # 1-based lesson number for the lesson's short quiz


@dataclass
class LessonSpec:
    slug: str
    title: str
    minutes: int
    body: list
    quiz_questions: int = 0
    required: bool = True


@dataclass
class CourseSpec:
    slug: str
    title: str
    summary: str
    introduction: str
    audiences: list[str]
    minutes: int
    pass_mark: int
    questions_drawn: int
    time_limit: int | None
    max_attempts: int | None
    valid_months: int | None
    lessons: list[LessonSpec] = field(default_factory=list)
    questions: list[Q] = field(default_factory=list)


def tf(statement_is_true: bool) -> list[tuple[str, bool]]:
    return [("Đúng", statement_is_true), ("Sai", not statement_is_true)]


def p(text: str) -> tuple[str, str]:
    return ("paragraph", text)


def heading(text: str) -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2"})


def hotline(title: str, text: str) -> tuple[str, dict]:
    return ("callout", {"kind": "hotline", "title": title, "text": text})


def steps(title: str, items: list[tuple[str, str]]) -> tuple[str, dict]:
    return (
        "steps",
        {"heading": title, "steps": [{"title": t, "text": f"<p>{d}</p>"} for t, d in items]},
    )


HOTLINE_TEXT = (
    "<p>Gọi <b>111</b> – Tổng đài điện thoại quốc gia bảo vệ trẻ em, miễn phí, 24 giờ mỗi "
    "ngày, 7 ngày mỗi tuần. Đường dây tư vấn, hỗ trợ trẻ em, phòng, chống mua bán người "
    "miễn phí: <b>18008077</b>. Khi trẻ đang gặp nguy hiểm ngay lúc đó, gọi công an "
    "<b>113</b>.</p>"
)

TEACHERS = CourseSpec(
    slug="phong-chong-xam-hai-tre-em-danh-cho-giao-vien",
    title="Phòng, chống xâm hại trẻ em dành cho giáo viên",
    summary=(
        "Hiểu xâm hại trẻ em theo Luật Trẻ em 2016, nhận biết dấu hiệu ở học sinh và biết "
        "phải làm gì khi một em kể với thầy cô: lắng nghe, bảo đảm an toàn, thông báo "
        "Tổng đài 111 và giữ bí mật thông tin của em."
    ),
    introduction=(
        "<p>Khóa học gồm ba bài ngắn và một bài kiểm tra cuối khóa. Thầy cô hoàn thành "
        "các bài bắt buộc, làm bài kiểm tra đạt từ 80% trở lên thì được cấp chứng nhận "
        "có giá trị 24 tháng.</p>"
    ),
    audiences=[Role.TEACHER, Role.OFFICIAL],
    minutes=60,
    pass_mark=80,
    questions_drawn=10,
    time_limit=20,
    max_attempts=3,
    valid_months=24,
    lessons=[
        LessonSpec(
            "xam-hai-tre-em-la-gi",
            "Xâm hại trẻ em là gì",
            15,
            [
                p(
                    "<p>Luật Trẻ em số 102/2016/QH13 có hiệu lực từ ngày 01/6/2017. Theo "
                    "Luật, <b>trẻ em là người dưới 16 tuổi</b>.</p>"
                ),
                p(
                    "<p>Xâm hại trẻ em là hành vi gây tổn hại về thể chất, tình cảm, tâm lý, "
                    "danh dự, nhân phẩm của trẻ em dưới các hình thức bạo lực, bóc lột, xâm "
                    "hại tình dục, mua bán, bỏ rơi, bỏ mặc trẻ em và các hình thức gây tổn "
                    "hại khác.</p>"
                ),
                heading("Các hình thức xâm hại thường gặp"),
                p(
                    "<ul><li><b>Bạo lực</b>: đánh đập, hành hạ, ngược đãi; lăng mạ, xúc "
                    "phạm, đe dọa làm trẻ sợ hãi, tổn thương tinh thần.</li>"
                    "<li><b>Xâm hại tình dục</b>: dùng vũ lực, đe dọa, lôi kéo, dụ dỗ trẻ "
                    "tham gia các hành vi liên quan đến tình dục, kể cả qua mạng.</li>"
                    "<li><b>Bóc lột</b>: bắt trẻ lao động trái quy định của pháp luật, lợi "
                    "dụng trẻ để kiếm lợi.</li>"
                    "<li><b>Bỏ rơi, bỏ mặc</b>: không chăm sóc, nuôi dưỡng, để trẻ ở nơi "
                    "nguy hiểm.</li>"
                    "<li><b>Mua bán trẻ em</b>.</li></ul>"
                ),
                p(
                    "<p>Người xâm hại thường là người trẻ quen biết và tin tưởng. Vì vậy "
                    "trẻ hay im lặng: vì sợ, vì bị dọa, vì xấu hổ hoặc vì không biết đó là "
                    "xâm hại.</p>"
                ),
                hotline("Khi cần tư vấn", HOTLINE_TEXT),
            ],
        ),
        LessonSpec(
            "nhan-biet-dau-hieu",
            "Nhận biết dấu hiệu trẻ bị xâm hại",
            15,
            [
                p(
                    "<p>Giáo viên gặp học sinh hằng ngày nên thường là người đầu tiên thấy "
                    "điều bất thường. Không có dấu hiệu nào tự nó chứng minh trẻ bị xâm "
                    "hại, nhưng khi thấy nhiều dấu hiệu cùng lúc hoặc kéo dài, thầy cô cần "
                    "để ý, ghi nhận và trao đổi với người có trách nhiệm.</p>"
                ),
                heading("Những dấu hiệu cần để ý"),
                p(
                    "<ul><li>Vết bầm, vết thương không được giải thích hoặc giải thích "
                    "không hợp lý.</li>"
                    "<li>Thay đổi hành vi đột ngột: thu mình, sợ hãi, hay khóc, hung hăng, "
                    "học sa sút.</li>"
                    "<li>Sợ hãi, né tránh một người hoặc một nơi cụ thể; không muốn về "
                    "nhà.</li>"
                    "<li>Hiểu biết hoặc hành vi về tình dục không phù hợp lứa tuổi.</li>"
                    "<li>Mất ngủ, gặp ác mộng, đau bụng, đau đầu kéo dài; bỏ học.</li></ul>"
                ),
                p(
                    "<p>Chỉ cần <b>nghi ngờ</b> là đủ để hỏi ý kiến: thầy cô báo ban giám "
                    "hiệu và có thể gọi Tổng đài 111 để được tư vấn. Không cần chờ có bằng "
                    "chứng, và không tự điều tra hay chất vấn gia đình.</p>"
                ),
            ],
        ),
        LessonSpec(
            "khi-tre-ke-voi-thay-co",
            "Khi học sinh kể với thầy cô: cần làm gì",
            20,
            [
                p(
                    "<p>Một em học sinh chọn kể với thầy cô là em đã rất tin tưởng. Cách "
                    "thầy cô đón nhận lời kể ảnh hưởng đến sự an toàn và việc hồi phục của "
                    "em.</p>"
                ),
                steps(
                    "Bốn bước khi học sinh kể bị xâm hại",
                    [
                        (
                            "Bình tĩnh lắng nghe, tin lời em",
                            "Cảm ơn em đã kể, nói rằng em không có lỗi. Không hỏi dồn, "
                            "không bắt em kể lại nhiều lần.",
                        ),
                        (
                            "Bảo đảm em an toàn",
                            "Không để em ở một mình với người bị nghi là đã xâm hại em.",
                        ),
                        (
                            "Thông báo ngay",
                            "Báo ban giám hiệu và gọi Tổng đài 111 hoặc công an, Ủy ban "
                            "nhân dân cấp xã. Ghi lại đúng lời em kể, ngày giờ.",
                        ),
                        (
                            "Giữ bí mật và tiếp tục hỗ trợ em",
                            "Chỉ chia sẻ thông tin với người có trách nhiệm; phối hợp với "
                            "gia đình và cơ quan chức năng để em được hỗ trợ tâm lý, y tế.",
                        ),
                    ],
                ),
                p(
                    "<p><b>Không hứa giữ bí mật tuyệt đối</b>: hãy nói với em rằng thầy cô "
                    "sẽ chỉ kể với những người có trách nhiệm giúp em. Luật Trẻ em nghiêm "
                    "cấm che giấu, không cung cấp thông tin về trẻ em bị xâm hại, và nghiêm "
                    "cấm công bố, tiết lộ thông tin về đời sống riêng tư, bí mật cá nhân của "
                    "trẻ em khi không được sự đồng ý của trẻ từ đủ 7 tuổi trở lên và của "
                    "cha mẹ, người giám hộ.</p>"
                ),
                hotline("Gọi ngay", HOTLINE_TEXT),
            ],
            quiz_questions=3,
        ),
    ],
    questions=[
        Q(
            S,
            "Theo Luật Trẻ em năm 2016, trẻ em là người:",
            [
                ("Dưới 16 tuổi", True),
                ("Dưới 18 tuổi", False),
                ("Dưới 15 tuổi", False),
                ("Dưới 14 tuổi", False),
            ],
            "Điều 1 Luật Trẻ em 2016: trẻ em là người dưới 16 tuổi.",
            lesson=1,
        ),
        Q(
            S,
            "Luật Trẻ em năm 2016 có hiệu lực từ ngày nào?",
            [
                ("01/6/2017", True),
                ("01/01/2017", False),
                ("05/4/2016", False),
                ("01/7/2016", False),
            ],
            "Luật Trẻ em số 102/2016/QH13 được Quốc hội thông qua ngày 05/4/2016 và có hiệu "
            "lực từ ngày 01/6/2017.",
            lesson=1,
        ),
        Q(
            M,
            "Theo Luật Trẻ em 2016, những hành vi nào sau đây là xâm hại trẻ em? "
            "(Chọn tất cả các ý đúng.)",
            [
                ("Bạo lực trẻ em", True),
                ("Bóc lột trẻ em", True),
                ("Xâm hại tình dục trẻ em", True),
                ("Bỏ rơi, bỏ mặc trẻ em", True),
                ("Nhắc trẻ làm bài tập về nhà", False),
            ],
            "Luật Trẻ em kể các hình thức xâm hại: bạo lực, bóc lột, xâm hại tình dục, mua "
            "bán, bỏ rơi, bỏ mặc trẻ em và các hình thức gây tổn hại khác.",
            lesson=1,
        ),
        Q(
            S,
            "Tổng đài điện thoại quốc gia bảo vệ trẻ em có số nào?",
            [("111", True), ("113", False), ("114", False), ("115", False)],
            "111 là Tổng đài điện thoại quốc gia bảo vệ trẻ em, miễn phí, hoạt động 24/7. "
            "113 là công an, 114 là cứu hỏa, 115 là cấp cứu y tế.",
        ),
        Q(
            TF,
            "Gọi Tổng đài 111 mất phí, nên chỉ gọi khi đã chắc chắn trẻ bị xâm hại.",
            tf(False),
            "Sai. Gọi 111 miễn phí, 24 giờ mỗi ngày, 7 ngày mỗi tuần. Chỉ cần nghi ngờ trẻ có "
            "nguy cơ bị xâm hại là có thể gọi để được tư vấn.",
        ),
        Q(
            M,
            "Dấu hiệu nào có thể cho thấy một học sinh đang bị xâm hại? (Chọn tất cả các ý đúng.)",
            [
                ("Thay đổi hành vi đột ngột, thu mình, hay sợ hãi", True),
                ("Vết thương không được giải thích hợp lý", True),
                ("Sợ hãi, né tránh một người hoặc một nơi cụ thể", True),
                ("Thích chơi thể thao cùng các bạn", False),
            ],
            "Ba dấu hiệu đầu đều cần được để ý. Không dấu hiệu nào tự nó chứng minh trẻ bị "
            "xâm hại, nhưng chúng là lý do để hỏi ý kiến và thông báo.",
            lesson=2,
        ),
        Q(
            S,
            "Nếu chỉ nghi ngờ (chưa chắc chắn) một học sinh bị bạo lực ở nhà, thầy cô nên:",
            [
                ("Báo ban giám hiệu và gọi 111 để được tư vấn, hỗ trợ", True),
                ("Chờ đến khi có bằng chứng rõ ràng", False),
                ("Tự đến nhà chất vấn cha mẹ em", False),
                ("Không làm gì vì đó là chuyện riêng của gia đình", False),
            ],
            "Không cần chờ bằng chứng: thông báo sớm giúp cơ quan có chuyên môn đánh giá và "
            "can thiệp kịp thời. Tự chất vấn gia đình có thể làm trẻ gặp nguy hiểm hơn.",
            lesson=2,
        ),
        Q(
            S,
            "Khi một học sinh kể rằng mình bị xâm hại, việc đầu tiên thầy cô nên làm là:",
            [
                ("Bình tĩnh lắng nghe và tin lời em", True),
                ("Hỏi dồn để biết đủ mọi chi tiết", False),
                ("Hỏi cả lớp xem có ai biết chuyện", False),
                ("Khuyên em quên chuyện đó đi", False),
            ],
            "Lắng nghe bình tĩnh và tin lời trẻ giúp trẻ an tâm. Việc hỏi chi tiết để điều "
            "tra là của cơ quan có thẩm quyền; hỏi dồn có thể làm trẻ tổn thương thêm.",
            lesson=3,
        ),
        Q(
            TF,
            "Thầy cô nên hứa với học sinh sẽ giữ bí mật tuyệt đối, không nói với ai điều em kể.",
            tf(False),
            "Sai. Để bảo vệ em, thầy cô phải thông báo cho người có trách nhiệm. Hãy nói thật "
            "với em rằng thầy cô chỉ kể với những người có thể giúp em.",
            lesson=3,
        ),
        Q(
            ORD,
            "Sắp xếp các bước khi một học sinh kể với thầy cô rằng em bị xâm hại, theo đúng "
            "thứ tự.",
            [
                ("Bình tĩnh lắng nghe, tin lời em", True),
                ("Bảo đảm em được an toàn", True),
                ("Báo ban giám hiệu và gọi Tổng đài 111 hoặc công an", True),
                ("Giữ bí mật thông tin và phối hợp hỗ trợ em lâu dài", True),
            ],
            "Trước hết đón nhận lời kể, rồi bảo đảm em an toàn, thông báo ngay cho người có "
            "trách nhiệm, sau đó giữ bí mật và tiếp tục hỗ trợ em.",
            lesson=3,
        ),
        Q(
            M,
            "Khi học sinh kể chuyện bị xâm hại, thầy cô KHÔNG nên làm điều nào? "
            "(Chọn tất cả các điều không nên làm.)",
            [
                ("Trách em sao không kể sớm hơn", True),
                ("Bắt em kể lại nhiều lần cho nhiều người", True),
                ("Nói với em rằng em không có lỗi", False),
                ("Cảm ơn em đã tin tưởng kể ra", False),
            ],
            "Trách móc và bắt kể lại nhiều lần làm trẻ tổn thương thêm. Nói rằng em không có "
            "lỗi và cảm ơn em là những việc nên làm.",
            lesson=3,
        ),
        Q(
            S,
            "Ai có trách nhiệm thông báo, tố giác hành vi xâm hại trẻ em?",
            [
                (
                    "Mọi cơ quan, tổ chức, cơ sở giáo dục, gia đình và cá nhân biết về hành vi đó",
                    True,
                ),
                ("Chỉ cha mẹ của trẻ", False),
                ("Chỉ công an", False),
                ("Chỉ giáo viên chủ nhiệm", False),
            ],
            "Luật Trẻ em 2016 giao trách nhiệm thông báo, tố giác hành vi xâm hại trẻ em cho "
            "cơ quan, tổ chức, cơ sở giáo dục, gia đình và cá nhân, và nghiêm cấm che giấu "
            "thông tin về trẻ em bị xâm hại.",
        ),
        Q(
            TF,
            "Có thể đăng ảnh, tên và trường của học sinh bị xâm hại lên mạng xã hội để kêu "
            "gọi giúp đỡ em.",
            tf(False),
            "Sai. Luật Trẻ em nghiêm cấm công bố, tiết lộ thông tin về đời sống riêng tư, bí "
            "mật cá nhân của trẻ em khi không được sự đồng ý của trẻ từ đủ 7 tuổi trở lên và "
            "của cha mẹ, người giám hộ. Thông tin về trẻ bị xâm hại phải được giữ bí mật.",
        ),
        Q(
            S,
            "Tháng hành động vì trẻ em được tổ chức vào tháng nào hằng năm?",
            [("Tháng 6", True), ("Tháng 9", False), ("Tháng 11", False), ("Tháng 3", False)],
            "Tháng hành động vì trẻ em diễn ra vào tháng 6 hằng năm.",
        ),
    ],
)

PARENTS = CourseSpec(
    slug="cha-me-bao-ve-con-tren-moi-truong-mang",
    title="Cha mẹ bảo vệ con trên môi trường mạng",
    summary=(
        "Những nguy cơ con gặp trên mạng, cách cài đặt an toàn cho thiết bị và tài khoản, "
        "và cha mẹ cần làm gì khi con bị bắt nạt, dụ dỗ hay đe dọa trên mạng."
    ),
    introduction=(
        "<p>Ba bài học ngắn dành cho cha mẹ và người chăm sóc trẻ, một bài kiểm tra cuối "
        "khóa không giới hạn thời gian. Đạt từ 70% trở lên, cha mẹ được cấp chứng nhận "
        "hoàn thành khóa học.</p>"
    ),
    audiences=[Role.PARENT, Role.COLLABORATOR],
    minutes=45,
    pass_mark=70,
    questions_drawn=10,
    time_limit=None,
    max_attempts=None,
    valid_months=None,
    lessons=[
        LessonSpec(
            "nguy-co-tren-mang",
            "Những nguy cơ con gặp trên mạng",
            15,
            [
                p(
                    "<p>Internet giúp con học tập và kết nối, nhưng cũng có những nguy cơ "
                    "mà trẻ khó tự nhận ra.</p>"
                ),
                p(
                    "<ul><li><b>Dụ dỗ làm quen</b>: người lạ khen ngợi, tặng quà, thẻ game, "
                    "rồi đề nghị con giữ bí mật, gửi ảnh riêng tư hoặc gặp mặt.</li>"
                    "<li><b>Bắt nạt trên mạng</b>: chế giễu, lan truyền ảnh, tin đồn, lập "
                    "nhóm tẩy chay.</li>"
                    "<li><b>Đe dọa, tống tiền</b> bằng ảnh hoặc tin nhắn riêng tư.</li>"
                    "<li><b>Nội dung không phù hợp</b> với lứa tuổi: bạo lực, khiêu dâm.</li>"
                    "<li><b>Lộ thông tin cá nhân</b>: địa chỉ, trường lớp, số điện thoại, "
                    "vị trí.</li></ul>"
                ),
                p(
                    "<p>Dấu hiệu con có thể đang gặp chuyện: lo lắng, buồn bã sau khi dùng "
                    "điện thoại, giấu màn hình khi có người lại gần, có quà hoặc tiền không "
                    "rõ nguồn gốc, thu mình với gia đình.</p>"
                ),
            ],
        ),
        LessonSpec(
            "cai-dat-an-toan",
            "Cài đặt an toàn cho thiết bị và tài khoản",
            15,
            [
                p(
                    "<ul><li>Đặt máy tính, máy tính bảng của trẻ nhỏ ở phòng khách hoặc nơi "
                    "sinh hoạt chung.</li>"
                    "<li>Dùng mật khẩu mạnh, không dùng chung; bật xác thực hai lớp.</li>"
                    "<li>Để tài khoản ở chế độ riêng tư; chỉ kết bạn với người con biết "
                    "ngoài đời.</li>"
                    "<li>Dùng chế độ kiểm soát của cha mẹ trên điện thoại, ứng dụng và trình "
                    "duyệt phù hợp lứa tuổi.</li>"
                    "<li>Nhiều mạng xã hội (Facebook, TikTok, Instagram) quy định người dùng "
                    "phải từ 13 tuổi trở lên.</li></ul>"
                ),
                heading("Thỏa thuận dùng mạng trong gia đình"),
                p(
                    "<p>Cùng con thống nhất: dùng thiết bị lúc nào, ở đâu, bao lâu; ứng dụng "
                    "và trò chơi nào phù hợp; và con sẽ kể với cha mẹ khi gặp điều khiến "
                    "con sợ hãi hay khó chịu, không bị mắng vì đã kể.</p>"
                ),
                p(
                    "<p>Cha mẹ cũng cần cẩn trọng khi đăng ảnh con: không đăng ảnh lộ tên "
                    "trường, đồng phục, địa chỉ nhà hay vị trí của con ở chế độ công "
                    "khai.</p>"
                ),
            ],
        ),
        LessonSpec(
            "khi-con-gap-chuyen-tren-mang",
            "Khi con gặp chuyện trên mạng",
            15,
            [
                steps(
                    "Khi con bị đe dọa, bắt nạt hay dụ dỗ trên mạng",
                    [
                        (
                            "Trấn an con, không trách mắng",
                            "Cảm ơn con đã kể. Trẻ bị trách phạt sẽ giấu chuyện lần sau.",
                        ),
                        (
                            "Lưu bằng chứng",
                            "Chụp màn hình tin nhắn, lưu đường link, tên tài khoản; không "
                            "xóa tin nhắn.",
                        ),
                        (
                            "Gọi Tổng đài 111 hoặc báo công an",
                            "Không tự thương lượng hay chuyển tiền cho kẻ đe dọa.",
                        ),
                        (
                            "Chặn và báo cáo tài khoản trên nền tảng",
                            "Sau khi đã lưu bằng chứng, dùng chức năng báo cáo của mạng xã "
                            "hội để nội dung được gỡ.",
                        ),
                    ],
                ),
                hotline("Gọi để được giúp", HOTLINE_TEXT),
            ],
            quiz_questions=3,
        ),
    ],
    questions=[
        Q(
            S,
            "Một người lạ làm quen với con trên mạng, tặng thẻ game, khen ngợi rồi đề nghị "
            "con giữ bí mật và gửi ảnh riêng tư. Đây là dấu hiệu của:",
            [
                ("Dụ dỗ trẻ để xâm hại", True),
                ("Một tình bạn bình thường", False),
                ("Hoạt động quảng cáo", False),
                ("Một trò chơi trực tuyến", False),
            ],
            "Tặng quà, khen ngợi, đòi giữ bí mật và xin ảnh riêng tư là cách kẻ xấu thường "
            "dùng để dụ dỗ trẻ. Cha mẹ nên dạy con kể ngay khi gặp chuyện như vậy.",
            lesson=1,
        ),
        Q(
            S,
            "Dấu hiệu nào có thể cho thấy con đang bị bắt nạt trên mạng?",
            [
                (
                    "Con lo lắng, buồn bã sau khi dùng điện thoại và giấu màn hình khi có người "
                    "lại gần",
                    True,
                ),
                ("Con vui vẻ kể về trò chơi mới", False),
                ("Con hỏi cha mẹ cách làm bài tập trên mạng", False),
                ("Con gọi video cho ông bà", False),
            ],
            "Thay đổi cảm xúc sau khi dùng mạng và việc giấu màn hình là dấu hiệu cần để ý, "
            "hỏi han con nhẹ nhàng.",
            lesson=1,
        ),
        Q(
            M,
            "Những thông tin nào con KHÔNG nên chia sẻ công khai trên mạng? "
            "(Chọn tất cả các ý đúng.)",
            [
                ("Địa chỉ nhà", True),
                ("Tên trường và lớp", True),
                ("Số điện thoại", True),
                ("Tên cuốn sách con thích đọc", False),
            ],
            "Địa chỉ, trường lớp và số điện thoại giúp người lạ tìm ra con ngoài đời.",
            lesson=1,
        ),
        Q(
            S,
            "Đặt máy tính, máy tính bảng của trẻ nhỏ ở đâu thì an toàn hơn?",
            [
                ("Ở phòng khách hoặc nơi sinh hoạt chung của gia đình", True),
                ("Trong phòng riêng, đóng cửa", False),
                ("Ở bất cứ đâu con thích", False),
                ("Trong phòng ngủ, cạnh giường", False),
            ],
            "Ở nơi sinh hoạt chung, cha mẹ dễ để ý và con dễ hỏi khi gặp điều lạ.",
            lesson=2,
        ),
        Q(
            M,
            "Cách nào giúp tài khoản mạng xã hội của con an toàn hơn? (Chọn tất cả các ý đúng.)",
            [
                ("Dùng mật khẩu mạnh, không dùng chung", True),
                ("Bật xác thực hai lớp", True),
                ("Để tài khoản ở chế độ riêng tư", True),
                ("Cho bạn thân biết mật khẩu", False),
            ],
            "Mật khẩu mạnh, xác thực hai lớp và chế độ riêng tư giúp tài khoản an toàn. Mật "
            "khẩu không chia sẻ với ai, kể cả bạn thân.",
            lesson=2,
        ),
        Q(
            TF,
            "Cha mẹ đăng công khai ảnh con mặc đồng phục có tên trường, kèm vị trí nhà, lên "
            "mạng xã hội là an toàn.",
            tf(False),
            "Sai. Ảnh lộ trường và vị trí giúp người lạ tìm ra con. Nên để ảnh ở chế độ riêng "
            "tư và bỏ thông tin vị trí.",
            lesson=2,
        ),
        Q(
            S,
            "Nhiều mạng xã hội phổ biến (Facebook, TikTok, Instagram) quy định người dùng "
            "phải từ bao nhiêu tuổi trở lên?",
            [("13 tuổi", True), ("6 tuổi", False), ("10 tuổi", False), ("20 tuổi", False)],
            "Điều khoản sử dụng của các nền tảng này yêu cầu người dùng từ 13 tuổi trở lên.",
            lesson=2,
        ),
        Q(
            M,
            "Thỏa thuận dùng mạng trong gia đình nên có những gì? (Chọn tất cả các ý đúng.)",
            [
                ("Thời gian và nơi được dùng thiết bị", True),
                ("Những ứng dụng, trò chơi phù hợp lứa tuổi", True),
                ("Con kể với cha mẹ khi gặp điều khiến con sợ hãi hay khó chịu", True),
                ("Con được tự do kết bạn với mọi người lạ", False),
            ],
            "Một thỏa thuận tốt nói rõ thời gian, nơi dùng, nội dung phù hợp và việc con có "
            "thể kể mọi chuyện mà không bị mắng.",
            lesson=2,
        ),
        Q(
            S,
            "Khi con bị bắt nạt hoặc bị dọa dẫm trên mạng, gia đình có thể gọi số nào để "
            "được tư vấn miễn phí, 24/7?",
            [("111", True), ("1080", False), ("116", False), ("1900 1000", False)],
            "111 là Tổng đài điện thoại quốc gia bảo vệ trẻ em, miễn phí, 24/7.",
            lesson=3,
        ),
        Q(
            TF,
            "Nên chụp màn hình tin nhắn đe dọa và lưu đường link trước khi chặn tài khoản kẻ xấu.",
            tf(True),
            "Đúng. Bằng chứng giúp công an và nền tảng xử lý; chặn hoặc xóa trước có thể làm "
            "mất bằng chứng.",
            lesson=3,
        ),
        Q(
            ORD,
            "Sắp xếp các bước khi con bị người lạ trên mạng đe dọa tung ảnh riêng tư, theo "
            "đúng thứ tự.",
            [
                ("Trấn an con, không trách mắng", True),
                ("Lưu bằng chứng: chụp màn hình, đường link, tên tài khoản", True),
                ("Gọi Tổng đài 111 hoặc báo công an", True),
                ("Chặn và báo cáo tài khoản trên nền tảng", True),
            ],
            "Con cần được trấn an trước; bằng chứng phải được lưu trước khi chặn; báo 111 "
            "hoặc công an rồi mới chặn và báo cáo tài khoản.",
            lesson=3,
        ),
        Q(
            TF,
            "Nếu con lỡ gửi ảnh riêng tư cho người lạ, cha mẹ nên phạt thật nặng để con nhớ "
            "bài học.",
            tf(False),
            "Sai. Con là người bị hại. Trách phạt làm con sợ và giấu chuyện; cha mẹ cần trấn "
            "an và cùng con tìm sự giúp đỡ.",
            lesson=3,
        ),
        Q(
            S,
            "Khi con kể đã gặp nội dung xấu trên mạng, cha mẹ nên:",
            [
                ("Cảm ơn con đã kể, bình tĩnh cùng con báo cáo nội dung đó", True),
                ("Tịch thu điện thoại ngay và cấm dùng mạng", False),
                ("Bỏ qua vì chuyện nhỏ", False),
                ("Mắng con vì đã xem", False),
            ],
            "Đón nhận bình tĩnh giúp con tiếp tục tin tưởng kể với cha mẹ lần sau.",
            lesson=3,
        ),
    ],
)

COURSES = [TEACHERS, PARENTS]


def _publish(page) -> None:
    page.save_revision().publish()


def _course(section: CourseIndexPage, spec: CourseSpec) -> CoursePage:
    fields = {
        "title": spec.title,
        "summary": spec.summary,
        "search_description": spec.summary,
        "introduction": spec.introduction,
        "audiences": [str(role) for role in spec.audiences],
        "estimated_minutes": spec.minutes,
        "pass_mark": spec.pass_mark,
        "issues_certificate": True,
        "certificate_valid_months": spec.valid_months,
        "quiz_question_count": spec.questions_drawn,
        "quiz_time_limit_minutes": spec.time_limit,
        "quiz_max_attempts": spec.max_attempts,
    }
    course = CoursePage.objects.child_of(section).filter(slug=spec.slug).first()
    if course is None:
        course = CoursePage(slug=spec.slug, **fields)
        section.add_child(instance=course)
        _publish(course)
        return course
    if any(getattr(course, name) != value for name, value in fields.items()) or not course.live:
        for name, value in fields.items():
            setattr(course, name, value)
        _publish(course)
    return course


def _lesson(course: CoursePage, spec: LessonSpec) -> LessonPage:
    lesson = LessonPage.objects.child_of(course).filter(slug=spec.slug).first()
    if lesson is None:
        lesson = LessonPage(
            slug=spec.slug,
            title=spec.title,
            body=spec.body,
            required=spec.required,
            estimated_minutes=spec.minutes,
            quiz_question_count=spec.quiz_questions,
        )
        course.add_child(instance=lesson)
        _publish(lesson)
    return lesson


def _question(course: CoursePage, lessons: list[LessonPage], spec: Q) -> Question:
    question = Question.objects.filter(course=course, text=spec.text).first()
    if question is None:
        question = Question.objects.create(
            course=course,
            lesson=lessons[spec.lesson - 1] if spec.lesson else None,
            type=spec.type,
            text=spec.text,
            explanation=spec.explanation,
        )
        Choice.objects.bulk_create(
            Choice(question=question, text=text, is_correct=correct, sort_order=position)
            for position, (text, correct) in enumerate(spec.options)
        )
    return question


@transaction.atomic
def load_courses(section: CourseIndexPage) -> list[CoursePage]:
    courses = []
    for spec in COURSES:
        course = _course(section, spec)
        lessons = [_lesson(course, lesson) for lesson in spec.lessons]
        for question in spec.questions:
            _question(course, lessons, question)
        courses.append(course)
    return courses


@transaction.atomic
def demo_learner() -> User:
    """A learner who can sign in at once (verified e-mail), documented in the README."""
    user = User.objects.filter(email=DEMO_LEARNER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            username="hocvien-demo", email=DEMO_LEARNER_EMAIL, password=DEMO_LEARNER_PASSWORD
        )
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_LEARNER_EMAIL, defaults={"verified": True, "primary": True}
    )
    Profile.objects.get_or_create(
        user=user, defaults={"full_name": DEMO_LEARNER_NAME, "role": Role.TEACHER}
    )
    return user
