"""Enrolling a list of learners from a CSV file (managers).

``check_file`` reads and validates everything without writing (the preview);
``apply_rows`` enrols the accepted rows in one transaction. File problems raise
:class:`CsvFileError` with a message for the manager, never a server error.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.roles import Role
from base.vietnamese import clean_text, fold
from learning.reports.scope import (
    COMMUNE,
    PROVINCE,
    UnitMap,
    learners_in_scope,
    managed_units,
    sees_everything,
)

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000


@dataclass(frozen=True)
class Column:
    """A column of the learners list: its header in the template (Vietnamese), the
    other names a header row may use (compared without accents or case), and what
    to write in it."""

    key: str
    header: str
    aliases: tuple[str, ...]
    guidance: object  # lazy text


COLUMN_LIST = (
    Column(
        "email",
        "Thư điện tử",
        ("email", "e-mail", "mail", "địa chỉ email"),
        gettext_lazy("Required. The learner's e-mail address: the invitation is sent there."),
    ),
    Column(
        "full_name",
        "Họ và tên",
        ("full_name", "full name", "name", "họ tên", "tên"),
        gettext_lazy("Required for a new account: the name printed on the certificate."),
    ),
    Column(
        "role",
        "Vai trò",
        ("role", "đối tượng"),
        gettext_lazy("One of the roles below; empty means “Other”."),
    ),
    Column(
        "organisation",
        "Cơ quan/Đơn vị",
        ("organisation", "organization", "đơn vị", "cơ quan", "trường", "nơi công tác"),
        gettext_lazy("School, office or organisation (optional)."),
    ),
    Column(
        "province",
        "Tỉnh/Thành phố",
        ("province", "tỉnh", "tỉnh thành", "tỉnh/thành"),
        gettext_lazy(
            "One of the 34 provinces since 1 July 2025, with or without “Tỉnh”/“Thành phố”; "
            "a former province is counted under the one that took it over."
        ),
    ),
    Column(
        "commune",
        "Xã/Phường",
        ("commune", "xã", "phường/xã", "xã phường"),
        gettext_lazy("The commune or ward (optional; give the province too when names repeat)."),
    ),
)
COLUMNS = {column.key: column for column in COLUMN_LIST}
# Header names (folded: no accents, lower case) to column keys.
_HEADER_KEYS = {
    fold(name): column.key for column in COLUMN_LIST for name in (column.header, *column.aliases)
}
TEMPLATE_FILENAME = "mau-danh-sach-hoc-vien.csv"
_UNIT_PREFIXES = re.compile(r"^(tinh|thanh pho|tp\.?|xa|phuong|dac khu|thi tran)\s+")
# Short Vietnamese names managers write in a role column, besides the labels
# (compared without accents or case).
ROLE_SYNONYMS = {
    "giáo viên": Role.TEACHER,
    "cán bộ quản lý giáo dục": Role.TEACHER,
    "cha mẹ": Role.PARENT,
    "phụ huynh": Role.PARENT,
    "người chăm sóc trẻ": Role.PARENT,
    "cộng tác viên": Role.COLLABORATOR,
    "CTV": Role.COLLABORATOR,
    "cán bộ": Role.OFFICIAL,
    "công chức": Role.OFFICIAL,
    "viên chức": Role.OFFICIAL,
    "khác": Role.OTHER,
}
_ROLE_KEYS = {fold(name): role for name, role in ROLE_SYNONYMS.items()}


def template_csv() -> bytes:
    """The learners list to fill in: the Vietnamese headers only, separated by
    semicolons, UTF-8 with a BOM and Windows line ends, as Excel set to Vietnamese
    opens and saves it. No example row: an unchanged template enrols nobody."""
    return ("\ufeff" + ";".join(column.header for column in COLUMN_LIST) + "\r\n").encode()


def column_guide() -> list[Column]:
    return list(COLUMN_LIST)


@dataclass(frozen=True)
class RoleGuide:
    label: str
    synonyms: list[str]


def role_guide() -> list[RoleGuide]:
    """Each role as the page names it, and what else a manager may write for it."""
    guide = []
    for role in Role:
        others = [name for name, synonym in ROLE_SYNONYMS.items() if synonym == role]
        with translation.override("vi"):
            vietnamese = str(role.label)
        with translation.override("en"):
            english = str(role.label)
        label = str(role.label)
        names = [vietnamese, english, role.value, *others]
        guide.append(RoleGuide(label, [name for name in dict.fromkeys(names) if name != label]))
    return guide


ACCEPT, REJECT = "accepted", "rejected"
REASONS = {
    "bad_email": gettext_lazy("The e-mail address is not valid."),
    "duplicate": gettext_lazy("This e-mail address is already on line %(line)s."),
    "no_name": gettext_lazy("A full name is needed to create an account."),
    "unknown_role": gettext_lazy("Unknown role “%(value)s”."),
    "unknown_province": gettext_lazy("Unknown province “%(value)s”."),
    "unknown_commune": gettext_lazy("Unknown commune “%(value)s”."),
    "ambiguous_commune": gettext_lazy(
        "Several communes are called “%(value)s”: give the province too."
    ),
    "commune_not_in_province": gettext_lazy("The commune “%(value)s” is not in this province."),
    "no_area": gettext_lazy("Give the learner's province or commune."),
    # One neutral reason for "exists elsewhere" and "not allowed": the preview
    # must not tell a manager anything about accounts outside their scope.
    "not_allowed": gettext_lazy("This address cannot be enrolled from your area."),
}


class CsvFileError(Exception):
    """The file cannot be read as a learners list (the message says why)."""


@dataclass
class RowResult:
    line: int
    email: str
    full_name: str = ""
    role: str = ""
    organisation: str = ""
    province_id: int | None = None
    commune_id: int | None = None
    area_label: str = ""
    user_id: int | None = None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return REJECT if self.errors else ACCEPT

    @property
    def accepted(self) -> bool:
        return not self.errors


@dataclass
class CheckResult:
    rows: list[RowResult]
    delimiter: str

    @property
    def accepted(self) -> list[RowResult]:
        return [row for row in self.rows if row.accepted]

    @property
    def rejected(self) -> list[RowResult]:
        return [row for row in self.rows if not row.accepted]


# --- reading the file -------------------------------------------------------


def decode(data: bytes) -> str:
    """The text of an uploaded CSV: UTF-8 (with or without BOM) or UTF-16 with BOM."""
    if len(data) > MAX_BYTES:
        raise CsvFileError(_("The file is larger than %(size)s kB.") % {"size": MAX_BYTES // 1000})
    if not data.strip():
        raise CsvFileError(_("The file is empty."))
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise CsvFileError(
            _(
                "This is a spreadsheet workbook, not a CSV file. In Excel use "
                "“Save as” → “CSV UTF-8 (comma delimited)”."
            )
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise CsvFileError(
            _("The file is not in UTF-8. Save it as “CSV UTF-8” and upload it again.")
        ) from None
    if "\x00" in text:
        raise CsvFileError(_("This does not look like a CSV file."))
    return clean_text(text)


def _delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_rows(text: str) -> tuple[list[tuple[int, dict[str, str]]], str]:
    """(line number, {column: value}) for each non-empty data row, and the delimiter."""
    lines = text.split("\n")
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = _delimiter(header_line)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
        columns: list[str | None] = []
        for name in header:
            columns.append(_HEADER_KEYS.get(fold(" ".join(name.split())).strip()))
        if "email" not in columns:
            raise CsvFileError(
                _(
                    "The first line must name the columns, with at least “email” "
                    "(also: full_name, role, organisation, province, commune)."
                )
            )
        rows: list[tuple[int, dict[str, str]]] = []
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise CsvFileError(
                    _("The file has more than %(count)s learners: split it into several files.")
                    % {"count": MAX_ROWS}
                )
            row = dict.fromkeys(COLUMNS, "")
            for column, value in zip(columns, values, strict=False):
                if column is not None and not row[column]:
                    row[column] = " ".join(value.split())
            rows.append((reader.line_num, row))
    except csv.Error as error:
        raise CsvFileError(
            _("The file could not be read as CSV (line %(line)s).") % {"line": reader.line_num}
        ) from error
    if not rows:
        raise CsvFileError(_("The file has no learners below its header line."))
    return rows, delimiter


# --- matching names ---------------------------------------------------------


def _keys(name: str) -> set[str]:
    folded = fold(" ".join(name.split()))
    return {folded, _UNIT_PREFIXES.sub("", folded)}


class AreaIndex:
    """Province and commune names (folded, with or without "tỉnh", "xã"…) to current units."""

    def __init__(self, units: UnitMap) -> None:
        self.units = units
        self.provinces: dict[str, int] = {}
        self.communes: dict[str, set[tuple[int | None, int]]] = {}
        for unit in units.units.values():
            if unit.level == PROVINCE:
                for key in _keys(unit.name):
                    if not unit.abolished or key not in self.provinces:
                        self.provinces[key] = units.current(unit.pk)
            elif unit.level == COMMUNE:
                province, commune = units.area(None, unit.pk)
                if commune is not None:
                    for key in _keys(unit.name):
                        self.communes.setdefault(key, set()).add((province, commune))

    def province(self, name: str) -> int | None:
        return next((self.provinces[k] for k in _keys(name) if k in self.provinces), None)

    def communes_named(self, name: str) -> set[tuple[int | None, int]]:
        found: set[tuple[int | None, int]] = set()
        for key in _keys(name):
            found |= self.communes.get(key, set())
        return found


def parse_role(value: str) -> str | None:
    """The Role for what a manager typed (code, English or Vietnamese label), or None."""
    key = fold(value).strip()
    if not key:
        return Role.OTHER
    for role in Role:
        if key == role.value:
            return role.value
        for language in ("en", "vi"):
            with translation.override(language):
                label = fold(str(role.label))
            if key == label or key == label.split(",")[0].strip():
                return role.value
    synonym = _ROLE_KEYS.get(key)
    return synonym.value if synonym else None


# --- checking rows ----------------------------------------------------------


@dataclass
class _Scope:
    """What every row is checked against, loaded once per file."""

    units: UnitMap
    index: AreaIndex
    everything: bool
    managed: list[tuple[int, str]]
    course: object
    accounts: dict[str, object]  # folded address -> user
    allowed_ids: set[int]  # existing accounts this manager may enrol
    enrolled_ids: set[int]


def _in_scope(area: tuple[int | None, int | None], scope: _Scope) -> bool:
    if scope.everything:
        return True
    province, commune = area
    return any(
        (level == PROVINCE and province == unit_id) or (level == COMMUNE and commune == unit_id)
        for unit_id, level in scope.managed
    )


def _area_label(units: UnitMap, province: int | None, commune: int | None) -> str:
    return ", ".join(name for name in (units.name(commune), units.name(province)) if name)


def _load_scope(rows, *, manager, course) -> _Scope:
    """The accounts the file names (by any of their addresses) and, among them, the
    ones this manager may enrol: active learners (no staff, no superusers) whose
    profile area is in the manager's scope."""
    from learning.models import Enrolment

    User = get_user_model()
    emails = list({row["email"].casefold() for _line, row in rows if row["email"]})
    accounts: dict[str, object] = {}
    for user in User.objects.filter(email__in=emails):
        accounts[user.email.casefold()] = user
    for user in User.objects.filter(emailaddress__email__in=emails).prefetch_related(
        "emailaddress_set"
    ):
        for address in user.emailaddress_set.all():
            accounts.setdefault(address.email.casefold(), user)
    ids = {user.pk for user in accounts.values()}
    units = UnitMap()
    allowed_ids = set(
        learners_in_scope(manager, units=units)
        .filter(pk__in=ids, is_active=True, is_staff=False, is_superuser=False)
        .values_list("pk", flat=True)
    )
    return _Scope(
        units=units,
        index=AreaIndex(units),
        everything=sees_everything(manager),
        managed=list(managed_units(manager).values_list("pk", "level")),
        course=course,
        accounts=accounts,
        allowed_ids=allowed_ids,
        enrolled_ids=set(
            Enrolment.objects.filter(course=course, user_id__in=allowed_ids).values_list(
                "user_id", flat=True
            )
        ),
    )


def _check_email(result: RowResult, first_line: dict[str, int]) -> bool:
    """A valid address not seen on an earlier line."""
    try:
        validate_email(result.email)
    except ValidationError:
        result.errors.append(str(REASONS["bad_email"]))
        return False
    key = result.email.casefold()
    if key in first_line:
        result.errors.append(str(REASONS["duplicate"]) % {"line": first_line[key]})
        return False
    first_line[key] = result.line
    return True


def _check_role(result: RowResult, value: str, course) -> None:
    role = parse_role(value)
    if role is None:
        result.errors.append(str(REASONS["unknown_role"]) % {"value": value})
    result.role = role or ""
    if role and course.audiences and role not in course.audiences:
        result.notes.append(
            _(
                "“%(role)s” is not among this course's audiences (%(audiences)s): "
                "enrolled all the same."
            )
            % {"role": Role(role).label, "audiences": ", ".join(course.audience_labels())}
        )


def _written_area(
    result: RowResult, row: dict[str, str], index: AreaIndex
) -> tuple[int | None, int | None]:
    """The (province, commune) the row names; errors for unknown or ambiguous names."""
    province = None
    if row["province"]:
        province = index.province(row["province"])
        if province is None:
            result.errors.append(str(REASONS["unknown_province"]) % {"value": row["province"]})
            return None, None
    if not row["commune"]:
        return province, None
    matches = index.communes_named(row["commune"])
    if not matches:
        result.errors.append(str(REASONS["unknown_commune"]) % {"value": row["commune"]})
        return province, None
    if province is not None:
        matches = {m for m in matches if m[0] == province}
        if not matches:
            result.errors.append(
                str(REASONS["commune_not_in_province"]) % {"value": row["commune"]}
            )
            return province, None
    if len(matches) > 1:
        result.errors.append(str(REASONS["ambiguous_commune"]) % {"value": row["commune"]})
        return province, None
    return next(iter(matches))


def _default_area(
    result: RowResult, area: tuple[int | None, int | None], scope: _Scope
) -> tuple[int | None, int | None]:
    """A row without an area takes the manager's when they have exactly one."""
    if area != (None, None) or len(scope.managed) != 1:
        return area
    unit_id, level = scope.managed[0]
    result.notes.append(_("Area taken from yours."))
    return (unit_id, None) if level == PROVINCE else scope.units.area(None, unit_id)


def _check_existing(result: RowResult, user, scope: _Scope) -> None:
    """An existing account is enrolled only when it is a learner in the manager's
    scope; it is never changed. Every other case (another area, no area, staff,
    deactivated) gets the same neutral reason and shows nothing of the account."""
    if user.pk not in scope.allowed_ids:
        result.errors.append(str(REASONS["not_allowed"]))
        return
    result.user_id = user.pk
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    if profile is not None:
        result.province_id, result.commune_id = scope.units.area(
            profile.province_id, profile.commune_id
        )
    result.area_label = _area_label(scope.units, result.province_id, result.commune_id)
    result.full_name = (profile.full_name if profile else "") or user.get_full_name()
    if user.pk in scope.enrolled_ids:
        result.notes.append(_("Already enrolled in this course: nothing to do."))
    else:
        result.notes.append(_("Existing account: will be enrolled."))


def _check_new(result: RowResult, area: tuple[int | None, int | None], scope: _Scope) -> None:
    """A new account needs a name and an area inside the manager's scope."""
    if not result.full_name:
        result.errors.append(str(REASONS["no_name"]))
    if area == (None, None) and not scope.everything:
        result.errors.append(str(REASONS["no_area"]))
    elif not _in_scope(area, scope):
        result.errors.append(str(REASONS["not_allowed"]))
    if result.errors:
        return
    result.province_id, result.commune_id = area
    result.area_label = _area_label(scope.units, *area)
    result.notes.append(_("New account: an invitation to choose a password will be sent."))


def check_rows(rows, *, manager, course, delimiter: str = ",") -> CheckResult:
    """Validate every row against the manager's scope and the database; writes nothing."""
    scope = _load_scope(rows, manager=manager, course=course)
    results: list[RowResult] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        result = RowResult(
            line=line,
            email=row["email"].strip(),
            full_name=row["full_name"],
            organisation=row["organisation"],
        )
        results.append(result)
        if not _check_email(result, first_line):
            continue
        _check_role(result, row["role"], course)
        area = _written_area(result, row, scope.index)
        if result.errors:
            continue
        user = scope.accounts.get(result.email.casefold())
        if user is not None:
            _check_existing(result, user, scope)
        else:
            _check_new(result, _default_area(result, area, scope), scope)
    return CheckResult(rows=results, delimiter=delimiter)


def check_file(data: bytes, *, manager, course) -> CheckResult:
    rows, delimiter = read_rows(decode(data))
    return check_rows(rows, manager=manager, course=course, delimiter=delimiter)


# --- applying ---------------------------------------------------------------


@dataclass
class ApplyResult:
    enrolled: int = 0
    already: int = 0
    created: int = 0
    rejected: int = 0


def apply_file(data: bytes, *, manager, course, request) -> tuple[CheckResult, ApplyResult]:
    """Check again (the database may have changed since the preview) and enrol the
    accepted rows, all in one transaction; invitations leave after the commit."""
    from accounts.services import create_learner_account
    from learning.models import Enrolment
    from learning.quiz.services import enrol

    from .invitations import send_invitation

    summary = ApplyResult()
    with transaction.atomic():
        checked = check_file(data, manager=manager, course=course)
        summary.rejected = len(checked.rejected)
        for row in checked.accepted:
            if row.user_id is None:
                user = create_learner_account(
                    email=row.email,
                    full_name=row.full_name,
                    role=row.role,
                    organisation=row.organisation,
                    province_id=row.province_id,
                    commune_id=row.commune_id,
                    request=request,
                )
                summary.created += 1
                transaction.on_commit(lambda user=user: send_invitation(request, user, course))
            else:
                user = get_user_model().objects.get(pk=row.user_id)
            if Enrolment.objects.filter(user=user, course=course).exists():
                summary.already += 1
                continue
            enrol(user, course, by=manager)
            summary.enrolled += 1
    return checked, summary
