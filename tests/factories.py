"""One factory per page type (tests/test_factories.py fails when one is missing)."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from accounts.models import Profile, User
from base.models import AdministrativeUnit
from base.roles import Role
from content.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    GuidanceIndexPage,
    GuidancePage,
    LegalDocumentPage,
    LegalLibraryPage,
    Topic,
    TopicIndexPage,
    TopicPage,
)
from home.models import HomePage
from learning.models import Choice, CourseIndexPage, CoursePage, LessonPage, Question


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Cổng Bảo vệ Trẻ em"
    intro = "<p>Giới thiệu</p>"

    class Meta:
        model = HomePage


class LegalLibraryPageFactory(wagtail_factories.PageFactory):
    title = "Văn bản"
    intro = "<p>Văn bản chỉ đạo</p>"

    class Meta:
        model = LegalLibraryPage


class LegalDocumentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kế hoạch thực hiện công tác trẻ em số {n}")
    doc_type = "KH"
    number = factory.Sequence(lambda n: f"{n + 1:02d}/KH-UBND")
    symbol = "KH-UBND"
    subject = "Thực hiện công tác bảo vệ trẻ em"

    class Meta:
        model = LegalDocumentPage


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Chiến dịch"

    class Meta:
        model = CampaignIndexPage


class GuidanceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Hướng dẫn"

    class Meta:
        model = GuidanceIndexPage


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Phòng, chống đuối nước {n}")
    name_en = factory.Sequence(lambda n: f"Drowning prevention {n}")
    slug = factory.Sequence(lambda n: f"duoi-nuoc-{n}")

    class Meta:
        model = Topic


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chiến dịch phòng, chống đuối nước {n}")
    summary = "Dạy trẻ kỹ năng an toàn khi ở gần nước trong mùa hè."
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=5))
    end_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=25))
    audiences = factory.LazyFunction(lambda: [Role.PARENT.value, Role.TEACHER.value])
    privacy_confirmed = True

    class Meta:
        model = CampaignPage


class GuidancePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Cần làm gì khi nghi ngờ trẻ bị xâm hại {n}")
    summary = "Các bước đơn giản cho cha mẹ và giáo viên."
    audience = GuidancePage.Audience.PARENTS
    privacy_confirmed = True

    class Meta:
        model = GuidancePage


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Tin tức"

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tập huấn kỹ năng bảo vệ trẻ em cho cộng tác viên {n}")
    summary = "Cộng tác viên thôn, bản được tập huấn về cách tiếp nhận thông tin."
    author = "Phòng Văn hóa – Xã hội"
    privacy_confirmed = True

    class Meta:
        model = ArticlePage


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    title = "Chủ đề"

    class Meta:
        model = TopicIndexPage


class TopicPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chủ đề {n}")
    topic = factory.SubFactory(TopicFactory)
    privacy_confirmed = True

    class Meta:
        model = TopicPage


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Đào tạo"

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Khóa học bảo vệ trẻ em {n}")
    summary = "Nhận biết dấu hiệu xâm hại và biết cần làm gì, gọi cho ai."
    audiences = factory.LazyFunction(lambda: [Role.TEACHER])
    quiz_question_count = 3
    pass_mark = 60

    class Meta:
        model = CoursePage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bài {n + 1}")
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Tổng đài quốc gia bảo vệ trẻ em 111 miễn phí, 24/7.</p>")]
    )

    class Meta:
        model = LessonPage


PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    LegalLibraryPage: LegalLibraryPageFactory,
    LegalDocumentPage: LegalDocumentPageFactory,
    CampaignIndexPage: CampaignIndexPageFactory,
    GuidanceIndexPage: GuidanceIndexPageFactory,
    CourseIndexPage: CourseIndexPageFactory,
    CoursePage: CoursePageFactory,
    LessonPage: LessonPageFactory,
    CampaignPage: CampaignPageFactory,
    GuidancePage: GuidancePageFactory,
    ArticleIndexPage: ArticleIndexPageFactory,
    ArticlePage: ArticlePageFactory,
    TopicIndexPage: TopicIndexPageFactory,
    TopicPage: TopicPageFactory,
}


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"hocvien{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("mat-khau-an-toan-2026")

    class Meta:
        model = User


class ProvinceFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tỉnh thử {n}")
    level = AdministrativeUnit.Level.PROVINCE

    class Meta:
        model = AdministrativeUnit


class CommuneFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Xã thử {n}")
    level = AdministrativeUnit.Level.COMMUNE
    parent = factory.SubFactory(ProvinceFactory)

    class Meta:
        model = AdministrativeUnit


class ProfileFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    full_name = "Nguyễn Thị Hoà"
    role = Role.TEACHER

    class Meta:
        model = Profile


class QuestionFactory(DjangoModelFactory):
    """A single-choice question with options "Đúng 1" (correct) and "Sai 1".."Sai 2"."""

    course = factory.SubFactory(CoursePageFactory)
    text = factory.Sequence(lambda n: f"Câu hỏi số {n}?")
    explanation = factory.Sequence(lambda n: f"Giải thích bí mật {n}.")

    class Meta:
        model = Question
        skip_postgeneration_save = True

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        """options=[("text", is_correct), ...] in the correct order for ordering questions."""
        if not create:
            return
        pairs = extracted or [
            (f"Đáp án đúng {self.pk}", True),
            (f"Đáp án sai A {self.pk}", False),
            (f"Đáp án sai B {self.pk}", False),
        ]
        for position, (text, correct) in enumerate(pairs):
            Choice.objects.create(question=self, text=text, is_correct=correct, sort_order=position)
