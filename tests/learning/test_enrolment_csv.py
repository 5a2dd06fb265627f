"""CSV enrolment: reading files, every rejection reason, preview then one transaction."""

import codecs

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import pytest

from accounts.models import Profile
from base.roles import Role
from learning.enrolment import csv_upload
from learning.enrolment.csv_upload import CsvFileError, check_file, decode, parse_role, read_rows
from learning.models import Enrolment
from learning.quiz.services import enrol
from learning.reports.views import SESSION_KEY
from tests.factories import CourseIndexPageFactory, CoursePageFactory, UserFactory
from tests.learning.managers import learner, make_areas, manager


@pytest.fixture(autouse=True)
def _english_messages():
    """The messages checked below are the English source strings."""
    with translation.override("en"):
        yield


URL = reverse("learning_enrol_csv")
HEADER = "email,full_name,role,organisation,province,commune\n"


# --- reading files (no database) -------------------------------------------


def test_utf8_with_and_without_bom_and_utf16_semicolons():
    text = HEADER + "an@example.org,Trần Văn An,giáo viên,Trường A,Quảng Ngãi,Xã Đăk Tô\n"
    for data in (text.encode(), codecs.BOM_UTF8 + text.encode()):
        rows, delimiter = read_rows(decode(data))
        assert delimiter == ","
        assert rows[0][1]["full_name"] == "Trần Văn An"
        assert rows[0][1]["email"] == "an@example.org"
    excel = text.replace(",", ";").replace("\n", "\r\n").encode("utf-16")
    rows, delimiter = read_rows(decode(excel))
    assert delimiter == ";"
    assert rows[0] == (
        2,
        {
            "email": "an@example.org",
            "full_name": "Trần Văn An",
            "role": "giáo viên",
            "organisation": "Trường A",
            "province": "Quảng Ngãi",
            "commune": "Xã Đăk Tô",
        },
    )


def test_vietnamese_headers_and_nfd_text():
    text = "Họ và tên;Thư điện tử;Tỉnh\nTra\u0302\u0300n Văn An;an@example.org;Kon Tum\n"
    rows, _ = read_rows(decode(text.encode()))
    assert rows[0][1]["full_name"] == "Trần Văn An"
    assert rows[0][1]["province"] == "Kon Tum"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04rest-of-a-workbook", "not a CSV"),
        (b"%PDF-1.7\x00\x01\x02", "CSV"),
        ("email,full_name\nd@example.org,Đào\n".encode("cp1258"), "UTF-8"),
        (b"name,age\nAn,3\n", "email"),
        (b"email\n\n\n", "no learners"),
        (b"x" * (csv_upload.MAX_BYTES + 1), "larger"),
    ],
)
def test_unreadable_files_have_a_clear_message(data, message):
    with pytest.raises(CsvFileError, match=message):
        read_rows(decode(data))


def test_row_limit(monkeypatch):
    monkeypatch.setattr(csv_upload, "MAX_ROWS", 3)
    data = ("email\n" + "".join(f"u{i}@example.org\n" for i in range(4))).encode()
    with pytest.raises(CsvFileError, match="more than 3"):
        read_rows(decode(data))


def test_roles():
    assert parse_role("") == Role.OTHER
    assert parse_role("teacher") == Role.TEACHER
    assert parse_role("Giáo viên") == Role.TEACHER
    assert parse_role("PHU HUYNH") == Role.PARENT
    assert parse_role("Cộng tác viên bảo vệ trẻ em") == Role.COLLABORATOR
    assert parse_role("phi hành gia") is None


# --- checking rows against the database ------------------------------------


@pytest.fixture
def world(home_page):
    areas = make_areas()
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Nhận biết dấu hiệu xâm hại")
    return areas, course, manager(areas.quang_ngai)


def rows_of(boss, course, body: str):
    return check_file((HEADER + body).encode(), manager=boss, course=course).rows


@pytest.mark.django_db
def test_each_rejection_reason(world):
    areas, course, boss = world
    learner("Đỗ Thị Dung", province=areas.hai_phong, email="dung@example.org")
    rows = rows_of(
        boss,
        course,
        "khong-phai-email,Trần Văn An,,,Quảng Ngãi,\n"
        "an@example.org,Trần Văn An,,,Quảng Ngãi,\n"
        "AN@example.org,Trần Văn An,,,Quảng Ngãi,\n"
        "b@example.org,Lê Thị Bình,phi hành gia,,Quảng Ngãi,\n"
        "c@example.org,Phạm Văn Cường,,,Tỉnh Không Có,\n"
        "d@example.org,Vũ Thị Duyên,,,Quảng Ngãi,Xã Không Có\n"
        "e@example.org,Hoàng Văn Em,,,Quảng Ngãi,Phường Hồng Bàng\n"
        "f@example.org,Ngô Thị Phương,,,Hải Phòng,\n"
        "dung@example.org,Đỗ Thị Dung,,,Quảng Ngãi,\n"
        "g@example.org,,,,Quảng Ngãi,\n",
    )
    errors = {row.line: " ".join(row.errors) for row in rows}
    assert "not valid" in errors[2]
    assert errors[3] == ""
    assert "already on line 3" in errors[4]
    assert "Unknown role" in errors[5]
    assert "Unknown province" in errors[6]
    assert "Unknown commune" in errors[7]
    assert "not in this province" in errors[8]
    assert "cannot be enrolled from your area" in errors[9]
    assert errors[10] == errors[9]  # the same neutral reason as "not allowed"
    assert "full name" in errors[11]


@pytest.mark.django_db
def test_names_match_without_accents_and_merged_units_count_under_current(world):
    areas, course, boss = world
    rows = rows_of(
        boss,
        course,
        "a@example.org,Trần Văn An,giao vien,,quang ngai,xa dak to\n"
        "b@example.org,Lê Thị Bình,,,Kon Tum,Thị trấn Đắk Tô\n"
        "c@example.org,Phạm Văn Cường,,,tỉnh Kon Tum,\n"
        "d@example.org,Vũ Thị Duyên,,,,Trương Quang Trọng\n",
    )
    assert [row.errors for row in rows] == [[], [], [], []]
    assert rows[0].commune_id == areas.xa_moi.pk
    assert (rows[1].province_id, rows[1].commune_id) == (areas.quang_ngai.pk, areas.xa_moi.pk)
    assert (rows[2].province_id, rows[2].commune_id) == (areas.quang_ngai.pk, None)
    assert rows[3].commune_id == areas.xa_khac.pk


@pytest.mark.django_db
def test_already_enrolled_is_a_note_and_commune_manager_defaults(world):
    areas, course, _boss = world
    boss = manager(areas.xa_moi)
    known = learner("Trần Văn An", commune=areas.xa_moi, email="an@example.org")
    enrol(known, course)
    rows = rows_of(boss, course, "an@example.org,,,,,\nmoi@example.org,Lê Thị Bình,,,,\n")
    assert [row.errors for row in rows] == [[], []]
    assert any("Already enrolled" in note for note in rows[0].notes)
    assert rows[1].commune_id == areas.xa_moi.pk
    assert rows[1].province_id == areas.quang_ngai.pk
    rows = rows_of(boss, course, "x@example.org,Lê Thị Bình,,,,Phường Trương Quang Trọng\n")
    assert "cannot be enrolled from your area" in rows[0].errors[0]


@pytest.mark.django_db
def test_a_role_outside_the_course_audiences_is_noted_not_rejected(world):
    areas, course, boss = world
    course.audiences = [Role.TEACHER]
    course.save()
    rows = rows_of(
        boss,
        course,
        "a@example.org,Trần Văn An,giáo viên,,Quảng Ngãi,\n"
        "b@example.org,Lê Thị Bình,phụ huynh,,Quảng Ngãi,\n",
    )
    assert [row.errors for row in rows] == [[], []]
    assert not any("audiences" in note for note in rows[0].notes)
    assert any(
        "not among this course's audiences (Teacher or school manager)" in note
        for note in rows[1].notes
    )


# --- the page ---------------------------------------------------------------


def upload(client, course, body: str, *, raw: bytes | None = None, name="hoc-vien.csv"):
    data = raw if raw is not None else (HEADER + body).encode("utf-8-sig")
    return client.post(
        URL,
        {"action": "preview", "course": course.pk, "file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.django_db
def test_preview_then_enrol_in_one_go(client, world, django_capture_on_commit_callbacks):
    areas, course, boss = world
    existing = learner("Trần Văn An", province=areas.quang_ngai, email="an@example.org")
    client.force_login(boss)
    response = upload(
        client,
        course,
        "an@example.org,,,,,\n"
        "moi@example.org,Lê Thị Bình,cha mẹ,Hội phụ huynh,Quảng Ngãi,Xã Đăk Tô\n"
        "sai,Không Hợp Lệ,,,,\n",
    )
    assert response.status_code == 200
    checked = response.context["checked"]
    assert [row.status for row in checked.rows] == ["accepted", "accepted", "rejected"]
    assert not Enrolment.objects.exists()  # the preview writes nothing
    token = client.session[SESSION_KEY]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"action": "confirm", "course": course.pk, "token": token})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.enrolled, summary.created, summary.rejected) == (2, 1, 1)
    assert Enrolment.objects.filter(course=course, user=existing, enrolled_by=boss).exists()
    created = Profile.objects.get(user__email="moi@example.org")
    assert created.role == Role.PARENT
    assert created.commune == areas.xa_moi
    assert not created.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moi@example.org"]
    assert "/hoc-tap/loi-moi/" in mail.outbox[0].body
    # the same token cannot be used twice
    response = client.post(URL, {"action": "confirm", "course": course.pk, "token": token})
    assert response.status_code == 400


@pytest.mark.django_db
def test_invitation_signs_the_learner_in_on_the_course(
    client, world, django_capture_on_commit_callbacks
):
    areas, course, boss = world
    client.force_login(boss)
    upload(client, course, "moi@example.org,Lê Thị Bình,,,Quảng Ngãi,\n")
    token = client.session[SESSION_KEY]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"action": "confirm", "course": course.pk, "token": token})
    client.logout()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/loi-moi/" in line)
    response = client.get(link.strip(), follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"password1": "Mat-khau-moi-2026!", "password2": "Mat-khau-moi-2026!"},
    )
    assert response.status_code == 302
    assert response["Location"] == course.url  # lands on the course it was invited to
    user = Profile.objects.get(user__email="moi@example.org").user
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026!")
    assert client.get(course.url).context["user"] == user  # signed in
    # the link works once
    assert client.get(link.strip(), follow=True).context["token_fail"]


@pytest.mark.django_db
def test_the_import_is_one_transaction(client, world, monkeypatch):
    areas, course, boss = world
    client.force_login(boss)
    upload(
        client,
        course,
        "a@example.org,Trần Văn An,,,Quảng Ngãi,\nb@example.org,Lê Thị Bình,,,Quảng Ngãi,\n",
    )
    token = client.session[SESSION_KEY]["token"]
    calls = []

    def failing_enrol(user, course, *, by=None):
        calls.append(user)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return Enrolment.objects.create(user=user, course=course, enrolled_by=by)

    monkeypatch.setattr("learning.quiz.services.enrol", failing_enrol)
    with pytest.raises(RuntimeError):
        client.post(URL, {"action": "confirm", "course": course.pk, "token": token})
    assert not Enrolment.objects.exists()
    assert not Profile.objects.filter(user__email__in=["a@example.org", "b@example.org"]).exists()
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "post",
    [
        {"action": "preview", "course": "999999"},
        {"action": "preview", "course": "abc"},
        {"action": "confirm", "course": "1", "token": "forged"},
        {"action": "confirm"},
        {"action": "delete-everything"},
        {},
    ],
)
def test_forged_forms_never_fail(client, world, post):
    _areas, _course, boss = world
    client.force_login(boss)
    response = client.post(URL, post)
    assert response.status_code in (200, 400)
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_bad_files_are_form_errors(client, world):
    _areas, course, boss = world
    client.force_login(boss)
    response = upload(client, course, "", raw=b"PK\x03\x04" + b"\x00" * 100, name="list.xlsx")
    assert response.status_code == 200
    assert "CSV UTF-8" in " ".join(response.context["form"].errors["file"])
    response = upload(client, course, "", raw=b"x" * (csv_upload.MAX_BYTES + 10))
    assert "1000 kB" in " ".join(response.context["form"].errors["file"])
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_other_areas_learners_are_never_touched(client, world):
    areas, course, boss = world
    other = learner("Đỗ Thị Dung", province=areas.hai_phong, email="dung@example.org")
    client.force_login(boss)
    upload(client, course, "dung@example.org,Đỗ Thị Dung,,,Quảng Ngãi,\n")
    token = client.session[SESSION_KEY]["token"]
    response = client.post(URL, {"action": "confirm", "course": course.pk, "token": token})
    assert response.context["summary"].enrolled == 0
    assert not Enrolment.objects.filter(user=other).exists()
    other.profile.refresh_from_db()
    assert other.profile.province == areas.hai_phong


@pytest.mark.django_db
def test_non_manager_is_turned_away(client, world):
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_a_commune_manager_cannot_probe_or_take_over_accounts_outside_their_area(
    client, world, django_capture_on_commit_callbacks
):
    """Finding 1 of issue 17: the CSV previewed other areas' accounts and names,
    and confirming moved them (the superuser too) into the manager's commune."""
    areas, course, _boss = world
    boss = manager(areas.xa_moi)
    elsewhere = learner("Đỗ Thị Dung", province=areas.hai_phong, email="dung@example.org")
    no_area = learner("Bí Mật Không Vùng", email="khongvung@example.org")
    admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    Profile.objects.create(user=admin, full_name="Quản Trị Viên")
    staff = learner("Biên Tập Viên", commune=areas.xa_moi, email="staff@example.org")
    staff.is_staff = True
    staff.save()
    inside = learner("Trần Văn An", commune=areas.xa_moi, email="an@example.org")
    body = (
        "dung@example.org,,,,,\n"
        "khongvung@example.org,,,,,\n"
        "root@example.org,,,,,\n"
        "staff@example.org,,,,,\n"
        "an@example.org,,,,,\n"
        "ngoaivung@example.org,Người Mới,,,Hải Phòng,\n"
        "moi@example.org,Người Mới,,,,\n"
    )
    client.force_login(boss)
    response = upload(client, course, body)
    rows = response.context["checked"].rows
    with translation.override("vi"):  # the page speaks Vietnamese
        neutral = str(csv_upload.REASONS["not_allowed"])
    assert [row.errors for row in rows[:4]] == [[neutral]] * 4
    assert rows[5].errors == [neutral]  # a new address outside the area: the same answer
    assert [row.status for row in rows[4:]] == ["accepted", "rejected", "accepted"]
    page = response.content.decode()
    for secret in ("Bí Mật Không Vùng", "Quản Trị Viên", "Đỗ Thị Dung", "Biên Tập Viên"):
        assert secret not in page
    assert "Trần Văn An" in page  # in scope: the manager may see the name
    for row in rows[:4]:
        assert (row.full_name, row.area_label, row.user_id) == ("", "", None)
    token = client.session[SESSION_KEY]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"action": "confirm", "course": course.pk, "token": token})
    assert (response.context["summary"].enrolled, response.context["summary"].created) == (2, 1)
    assert set(Enrolment.objects.values_list("user__email", flat=True)) == {
        "an@example.org",
        "moi@example.org",
    }
    for account, area in ((elsewhere, (areas.hai_phong.pk, None)), (no_area, (None, None))):
        account.profile.refresh_from_db()
        assert (account.profile.province_id, account.profile.commune_id) == area
    admin.profile.refresh_from_db()
    assert admin.profile.commune_id is None
    inside.profile.refresh_from_db()
    assert inside.profile.commune_id == areas.xa_moi.pk


@pytest.mark.django_db
def test_created_accounts_come_from_the_accounts_service(world):
    from accounts.services import create_learner_account

    areas, _course, _boss = world
    user = create_learner_account(
        email="moi@example.org", full_name="Lê Thị Bình", commune_id=areas.xa_moi.pk
    )
    assert not user.has_usable_password()
    assert user.emailaddress_set.get().verified
    assert user.profile.commune_id == areas.xa_moi.pk


@pytest.mark.django_db
def test_the_downloaded_template_filled_in_is_accepted(client, world):
    """A manager downloads the template, types two learners under its Vietnamese
    headers as Vietnamese Excel saves them (semicolons, BOM, CRLF), and uploads it."""
    areas, course, boss = world
    client.force_login(boss)
    response = client.get(reverse("learning_enrol_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="mau-danh-sach-hoc-vien.csv"' in response["Content-Disposition"]
    template = response.content
    assert template.startswith(codecs.BOM_UTF8)
    header = template.decode("utf-8-sig")
    assert header == "Thư điện tử;Họ và tên;Vai trò;Cơ quan/Đơn vị;Tỉnh/Thành phố;Xã/Phường\r\n"
    filled = header + (
        "moi@example.org;Lê Thị Bình;Phụ huynh;Hội phụ huynh;Quảng Ngãi;Xã Đăk Tô\r\n"
        "hai@example.org;Nguyễn Văn Hải;Giáo viên;Trường A;Tỉnh Quảng Ngãi;\r\n"
    )
    response = upload(client, course, "", raw=filled.encode("utf-8-sig"), name="mau.csv")
    checked = response.context["checked"]
    assert [row.status for row in checked.rows] == ["accepted", "accepted"]
    assert [row.role for row in checked.rows] == [Role.PARENT, Role.TEACHER]
    assert checked.delimiter == ";"


@pytest.mark.django_db
def test_the_page_lists_the_columns_and_the_roles_in_vietnamese(client, world):
    _areas, _course, boss = world
    client.force_login(boss)
    with translation.override("vi"):
        page = client.get(URL).content.decode()
        labels = [str(role.label) for role in Role]
    assert 'href="/admin/dao-tao/bao-cao/ghi-danh/mau.csv"' in page
    for column in csv_upload.COLUMN_LIST:
        assert f'<th scope="row">{column.header}</th>' in page
    for label in labels:
        assert f'<th scope="row">{label}</th>' in page
    assert "Giáo viên" in page and "Cha mẹ" in page


def test_every_template_header_and_alias_is_read():
    for column in csv_upload.COLUMN_LIST:
        for name in (column.header, column.header.upper(), *column.aliases):
            rows, _delimiter = read_rows(f"{name};Thư điện tử\ngiá trị;an@example.org\n")
            assert rows[0][1][column.key] == "giá trị", name


@pytest.mark.django_db
def test_a_stale_or_altered_confirmation_enrols_nobody(client, world):
    """The confirmation form's token is signed for this upload and course and
    expires (base.confirmation): an old, altered or redirected one saves nothing."""
    from unittest import mock

    from base.confirmation import MAX_AGE

    areas, course, boss = world
    other_course = CoursePageFactory(parent=course.get_parent(), title="Khóa học khác")
    client.force_login(boss)
    with mock.patch("django.core.signing.time.time", return_value=1_000_000):
        upload(client, course, "moi@example.org,Lê Thị Bình,cha mẹ,,Quảng Ngãi,\n")
    token = client.session[SESSION_KEY]["token"]
    for post in (
        {"course": other_course.pk, "token": token},  # pointed at another course
        {"course": course.pk, "token": token[:-2] + "xy"},  # altered
    ):
        response = client.post(URL, {"action": "confirm", **post})
        assert response.status_code == 400
        assert response.context["expired"]
    with mock.patch("django.core.signing.time.time", return_value=1_000_000 + MAX_AGE + 1):
        response = client.post(URL, {"action": "confirm", "course": course.pk, "token": token})
    assert response.status_code == 400
    assert not Enrolment.objects.exists()
    assert not Profile.objects.filter(user__email="moi@example.org").exists()
