from django.db import migrations, models

# Words that suggest each theme of shared/domain.md in a text (folded when matched).
TOPIC_WORDS = {
    "xam-hai-tinh-duc": ["xâm hại tình dục", "xâm hại trẻ em", "xâm hại", "dâm ô", "hiếp dâm", "giao cấu"],
    "bao-luc": ["bạo lực", "bạo hành", "ngược đãi", "bạo lực học đường", "bạo lực gia đình"],
    "tai-nan-duoi-nuoc": ["đuối nước", "tai nạn thương tích", "phòng, chống tai nạn", "bơi an toàn"],
    "tai-nan-giao-thong": ["tai nạn giao thông", "an toàn giao thông", "mũ bảo hiểm"],
    "lao-dong-tre-em": ["lao động trẻ em", "trẻ em lao động", "lao động trái quy định", "lao động chưa thành niên"],
    "an-toan-mang": ["môi trường mạng", "trên mạng", "an toàn trực tuyến", "không gian mạng", "internet"],
    "tao-hon": ["tảo hôn", "cận huyết thống", "kết hôn trẻ em"],
    "mua-ban-nguoi": ["mua bán người", "mua bán trẻ em", "buôn bán người"],
    "hoan-canh-dac-biet": ["hoàn cảnh đặc biệt", "mồ côi", "trẻ em khuyết tật", "có nguy cơ rơi vào hoàn cảnh"],
    "bao-mat-thong-tin": ["bí mật đời sống riêng tư", "bảo mật thông tin", "thông tin cá nhân", "bí mật cá nhân"],
}


def load_words(apps, schema_editor):
    Topic = apps.get_model("content", "Topic")
    for slug, words in TOPIC_WORDS.items():
        Topic.objects.filter(slug=slug, keywords="").update(keywords="\n".join(words))


class Migration(migrations.Migration):
    dependencies = [("content", "0004_editorial_workflow")]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="keywords",
            field=models.TextField(blank=True, help_text="One word or phrase per line, with or without diacritics. An imported text that uses one of them gets this topic suggested.", verbose_name="words that suggest this topic"),
        ),
        migrations.AddField(
            model_name="legaldocumentpage",
            name="full_title",
            field=models.TextField(blank=True, help_text="The whole title as printed; the page title above may be shorter.", verbose_name="full title (trích yếu)"),
        ),
        migrations.AddField(
            model_name="legaldocumentpage",
            name="status_override",
            field=models.CharField(blank=True, choices=[("in_force", "In force"), ("not_yet", "Not yet in force"), ("partly_expired", "Partly expired"), ("suspended", "Suspended"), ("expired", "Expired"), ("unknown", "Unknown")], help_text="Leave blank to let the library work it out.", max_length=20, verbose_name="validity set by hand"),
        ),
        migrations.AddField(
            model_name="legaldocumentpage",
            name="status_reason",
            field=models.CharField(blank=True, max_length=255, verbose_name="reason for setting the validity by hand"),
        ),
        migrations.AlterField(
            model_name="legaldocumentpage",
            name="status",
            field=models.CharField(choices=[("in_force", "In force"), ("not_yet", "Not yet in force"), ("partly_expired", "Partly expired"), ("suspended", "Suspended"), ("expired", "Expired"), ("unknown", "Unknown")], default="unknown", editable=False, help_text="Worked out from the date in force and the texts that replace or amend it.", max_length=20, verbose_name="validity"),
        ),
        migrations.AlterField(
            model_name="citation",
            name="relation",
            field=models.CharField(choices=[("can_cu", "legal basis (căn cứ)"), ("thuc_hien", "implements (thực hiện)"), ("huong_dan", "guides (hướng dẫn)"), ("dan_chieu", "cites (dẫn chiếu)"), ("thay_the", "replaces (thay thế)"), ("bai_bo", "repeals (bãi bỏ)"), ("sua_doi", "amends or supplements (sửa đổi, bổ sung)")], default="dan_chieu", max_length=12),
        ),
        migrations.RunPython(load_words, migrations.RunPython.noop),
    ]
