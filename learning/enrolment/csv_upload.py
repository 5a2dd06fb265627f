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

from accounts.models import Profile
from base.roles import Role
from base.vietnamese import clean_text, fold
from learning.reports.scope import COMMUNE, PROVINCE, UnitMap, managed_units, sees_everything

MAX_BYTES = 1_000_000
MAX_ROWS = 5_000

# Column names accepted in the header row (folded: no accents, lower case).
COLUMNS = {
    "email": {"email", "e-mail", "mail", "thu dien tu", "dia chi email"},
    "full_name": {"full_name", "full name", "name", "ho va ten", "ho ten", "ten"},
    "role": {"role", "vai tro", "doi tuong"},
    "organisation": {
        "organisation",
        "organization",
        "don vi",
        "co quan",
        "truong",
        "co quan/don vi",
        "noi cong tac",
    },
    "province": {"province", "tinh", "tinh/thanh pho", "tinh thanh", "tinh/thanh"},
    "commune": {"commune", "xa", "xa/phuong", "phuong/xa", "xa phuong"},
}
_UNIT_PREFIXES = re.compile(r"^(tinh|thanh pho|tp\.?|xa|phuong|dac khu|thi tran)\s+")
# Short Vietnamese names managers write in a role column, besides the labels.
ROLE_SYNONYMS = {
    "giao vien": Role.TEACHER,
    "can bo quan ly giao duc": Role.TEACHER,
    "cha me": Role.PARENT,
    "phu huynh": Role.PARENT,
    "nguoi cham soc tre": Role.PARENT,
    "cong tac vien": Role.COLLABORATOR,
    "ctv": Role.COLLABORATOR,
    "can bo": Role.OFFICIAL,
    "cong chuc": Role.OFFICIAL,
    "vien chuc": Role.OFFICIAL,
    "khac": Role.OTHER,
}

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
    "outside_area": gettext_lazy("This learner is outside your area."),
    "other_area": gettext_lazy("This person's account belongs to another area."),
    "inactive": gettext_lazy("This account is deactivated."),
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

    @property
    def creates_account(self) -> bool:
        return self.accepted and self.user_id is None


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
            key = fold(" ".join(name.split())).strip()
            columns.append(next((c for c, names in COLUMNS.items() if key in names), None))
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
    synonym = ROLE_SYNONYMS.get(key)
    return synonym.value if synonym else None


# --- checking rows ----------------------------------------------------------


def _in_scope(area: tuple[int | None, int | None], managed: list, everything: bool) -> bool:
    if everything:
        return True
    province, commune = area
    for unit_id, level in managed:
        if (level == PROVINCE and province == unit_id) or (level == COMMUNE and commune == unit_id):
            return True
    return False


def _area_label(units: UnitMap, province: int | None, commune: int | None) -> str:
    return ", ".join(name for name in (units.name(commune), units.name(province)) if name)


def check_rows(rows, *, manager, course, delimiter: str = ",") -> CheckResult:
    """Validate every row against the manager's scope and the database; writes nothing."""
    from learning.models import Enrolment

    User = get_user_model()
    units = UnitMap()
    index = AreaIndex(units)
    everything = sees_everything(manager)
    managed = list(managed_units(manager).values_list("pk", "level"))
    results: list[RowResult] = []
    first_line: dict[str, int] = {}

    emails = {row["email"].casefold() for _line, row in rows if row["email"]}
    existing = {}
    for user in User.objects.filter(email__in=list(emails)).select_related("profile"):
        existing[user.email.casefold()] = user
    for user in User.objects.filter(emailaddress__email__in=list(emails)).select_related("profile"):
        existing.setdefault(user.email.casefold(), user)
    for user in list(existing.values()):
        for address in user.emailaddress_set.all():
            existing.setdefault(address.email.casefold(), user)
    enrolled_ids = set(
        Enrolment.objects.filter(
            course=course, user__in=[u.pk for u in existing.values()]
        ).values_list("user_id", flat=True)
    )

    for line, row in rows:
        result = RowResult(
            line=line,
            email=row["email"].strip(),
            full_name=row["full_name"],
            organisation=row["organisation"],
        )
        results.append(result)
        email = result.email.casefold()
        try:
            validate_email(result.email)
        except ValidationError:
            result.errors.append(str(REASONS["bad_email"]))
            continue
        if email in first_line:
            result.errors.append(str(REASONS["duplicate"]) % {"line": first_line[email]})
            continue
        first_line[email] = line

        role = parse_role(row["role"])
        if role is None:
            result.errors.append(str(REASONS["unknown_role"]) % {"value": row["role"]})
        result.role = role or ""
        if role and course.audiences and role not in course.audiences:
            result.notes.append(
                _(
                    "“%(role)s” is not among this course's audiences (%(audiences)s): "
                    "enrolled all the same."
                )
                % {"role": Role(role).label, "audiences": ", ".join(course.audience_labels())}
            )

        # the area written on the row
        province = commune = None
        if row["province"]:
            province = index.province(row["province"])
            if province is None:
                result.errors.append(str(REASONS["unknown_province"]) % {"value": row["province"]})
        if row["commune"] and not (row["province"] and province is None):
            matches = index.communes_named(row["commune"])
            if province is not None:
                inside = {m for m in matches if m[0] == province}
                if not matches:
                    result.errors.append(
                        str(REASONS["unknown_commune"]) % {"value": row["commune"]}
                    )
                elif not inside:
                    result.errors.append(
                        str(REASONS["commune_not_in_province"]) % {"value": row["commune"]}
                    )
                else:
                    matches = inside
            elif not matches:
                result.errors.append(str(REASONS["unknown_commune"]) % {"value": row["commune"]})
            if matches and not result.errors:
                if len(matches) > 1:
                    result.errors.append(
                        str(REASONS["ambiguous_commune"]) % {"value": row["commune"]}
                    )
                else:
                    province, commune = next(iter(matches))
        if result.errors:
            continue
        if province is None and commune is None and len(managed) == 1:
            unit_id, level = managed[0]
            province, commune = (unit_id, None) if level == PROVINCE else units.area(None, unit_id)
            result.notes.append(_("Area taken from yours."))

        user = existing.get(email)
        if user is not None:
            result.user_id = user.pk
            profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
            if not user.is_active:
                result.errors.append(str(REASONS["inactive"]))
                continue
            if profile is not None and (profile.province_id or profile.commune_id):
                current = units.area(profile.province_id, profile.commune_id)
                if not _in_scope(current, managed, everything):
                    result.errors.append(str(REASONS["other_area"]))
                    continue
                province, commune = current
            elif province is None and commune is None and not everything:
                result.errors.append(str(REASONS["no_area"]))
                continue
            elif not _in_scope((province, commune), managed, everything):
                result.errors.append(str(REASONS["outside_area"]))
                continue
            else:
                result.notes.append(_("Area added to the learner's profile."))
            result.full_name = (
                profile.full_name
                if profile and profile.full_name
                else (result.full_name or user.get_full_name())
            )
            if user.pk in enrolled_ids:
                result.notes.append(_("Already enrolled in this course: nothing to do."))
            else:
                result.notes.append(_("Existing account: will be enrolled."))
        else:
            if not result.full_name:
                result.errors.append(str(REASONS["no_name"]))
            if province is None and commune is None and not everything:
                result.errors.append(str(REASONS["no_area"]))
            elif not _in_scope((province, commune), managed, everything):
                result.errors.append(str(REASONS["outside_area"]))
            if not result.errors:
                result.notes.append(
                    _("New account: an invitation to choose a password will be sent.")
                )
        result.province_id, result.commune_id = province, commune
        result.area_label = _area_label(units, province, commune)
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
    from allauth.account.adapter import get_adapter
    from allauth.account.models import EmailAddress

    from learning.models import Enrolment
    from learning.quiz.services import enrol

    from .invitations import send_invitation

    User = get_user_model()
    summary = ApplyResult()
    with transaction.atomic():
        checked = check_file(data, manager=manager, course=course)
        summary.rejected = len(checked.rejected)
        for row in checked.accepted:
            if row.user_id is None:
                user = User(
                    username=get_adapter(request).generate_unique_username(
                        [row.full_name, row.email, "hocvien"]
                    ),
                    email=row.email,
                    first_name=row.full_name[:150],
                )
                user.set_unusable_password()
                user.save()
                # Verified: the only way in is the set-password link sent to this address.
                EmailAddress.objects.create(user=user, email=row.email, primary=True, verified=True)
                Profile.objects.create(
                    user=user,
                    full_name=row.full_name,
                    role=row.role or Role.OTHER,
                    organisation=row.organisation,
                    province_id=row.province_id,
                    commune_id=row.commune_id,
                )
                summary.created += 1
                transaction.on_commit(lambda user=user: send_invitation(request, user, course))
            else:
                user = User.objects.get(pk=row.user_id)
                profile, _created = Profile.objects.get_or_create(
                    user=user, defaults={"full_name": row.full_name or user.get_full_name()}
                )
                if not (profile.province_id or profile.commune_id):
                    profile.province_id, profile.commune_id = row.province_id, row.commune_id
                    profile.save(update_fields=["province", "commune"])
            if Enrolment.objects.filter(user=user, course=course).exists():
                summary.already += 1
                continue
            enrol(user, course, by=manager)
            summary.enrolled += 1
    return checked, summary
