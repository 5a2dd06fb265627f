import pytest

from tests.factories import CourseIndexPageFactory, ProfileFactory

LEARNER_NAME = "Nguyễn Thị Hồng Đào"
COURSE_TITLE = "Phòng, chống xâm hại tình dục trẻ em dành cho giáo viên"


@pytest.fixture
def course(home_page):
    """Any page stands for the course until learning.CoursePage is merged."""
    return CourseIndexPageFactory(parent=home_page, title=COURSE_TITLE)


@pytest.fixture
def learner(db):
    return ProfileFactory(full_name=LEARNER_NAME).user
