import datetime

from django.db import migrations

# The 34 provincial-level units in force since 1 July 2025 (Nghị quyết
# 202/2025/QH15), each with the former provinces merged into it. A former
# province whose name the new unit kept (e.g. Hải Phòng) is the same row.
CURRENT_PROVINCES = {
    "Hà Nội": [],
    "Huế": [],
    "Lai Châu": [],
    "Điện Biên": [],
    "Sơn La": [],
    "Lạng Sơn": [],
    "Quảng Ninh": [],
    "Thanh Hóa": [],
    "Nghệ An": [],
    "Hà Tĩnh": [],
    "Cao Bằng": [],
    "Tuyên Quang": ["Hà Giang"],
    "Lào Cai": ["Yên Bái"],
    "Thái Nguyên": ["Bắc Kạn"],
    "Phú Thọ": ["Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Giang"],
    "Hưng Yên": ["Thái Bình"],
    "Hải Phòng": ["Hải Dương"],
    "Ninh Bình": ["Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Bình"],
    "Đà Nẵng": ["Quảng Nam"],
    "Quảng Ngãi": ["Kon Tum"],
    "Gia Lai": ["Bình Định"],
    "Khánh Hòa": ["Ninh Thuận"],
    "Lâm Đồng": ["Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Phú Yên"],
    "Thành phố Hồ Chí Minh": ["Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Bình Phước"],
    "Tây Ninh": ["Long An"],
    "Cần Thơ": ["Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Tiền Giang"],
    "Cà Mau": ["Bạc Liêu"],
    "An Giang": ["Kiên Giang"],
}
MERGER_DATE = datetime.date(2025, 7, 1)


def load_provinces(apps, schema_editor):
    Unit = apps.get_model("base", "AdministrativeUnit")
    for name, former in CURRENT_PROVINCES.items():
        current, _ = Unit.objects.get_or_create(name=name, level="province", parent=None)
        for old_name in former:
            Unit.objects.update_or_create(
                name=old_name,
                level="province",
                parent=None,
                defaults={"successor": current, "abolished_on": MERGER_DATE},
            )


def unload_provinces(apps, schema_editor):
    Unit = apps.get_model("base", "AdministrativeUnit")
    names = set(CURRENT_PROVINCES) | {n for former in CURRENT_PROVINCES.values() for n in former}
    Unit.objects.filter(level="province", name__in=names, children__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("base", "0001_initial")]

    operations = [migrations.RunPython(load_provinces, unload_provinces)]
