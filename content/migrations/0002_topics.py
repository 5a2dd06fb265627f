from django.db import migrations

# The themes the source documents keep returning to (shared/domain.md).
TOPICS = [
    ("xam-hai-tinh-duc", "Xâm hại tình dục trẻ em", "Sexual abuse of children"),
    ("bao-luc", "Bạo lực gia đình và học đường", "Violence at home and at school"),
    ("tai-nan-duoi-nuoc", "Tai nạn thương tích, đuối nước", "Injuries and drowning"),
    ("tai-nan-giao-thong", "Tai nạn giao thông", "Traffic accidents"),
    ("lao-dong-tre-em", "Lao động trẻ em", "Child labour"),
    ("an-toan-mang", "An toàn trên môi trường mạng", "Safety online"),
    ("tao-hon", "Tảo hôn, hôn nhân cận huyết thống", "Child marriage and marriage between close relatives"),
    ("mua-ban-nguoi", "Mua bán người", "Trafficking"),
    ("hoan-canh-dac-biet", "Trẻ em có hoàn cảnh đặc biệt", "Children in special circumstances"),
    ("bao-mat-thong-tin", "Bảo mật thông tin trẻ em bị xâm hại", "Confidentiality of an abused child's information"),
]


def load(apps, schema_editor):
    Topic = apps.get_model("content", "Topic")
    for slug, name, name_en in TOPICS:
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en})


def unload(apps, schema_editor):
    apps.get_model("content", "Topic").objects.filter(slug__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
