"""A bilingual glossary in the search synonyms (editable under Snippets → search
synonyms): an English query finds the Vietnamese texts, and a few lay words meet
the words the texts use."""

from django.db import migrations

from search.glossary import glossary_operation

GLOSSARY = [
    "child abuse, xâm hại trẻ em",
    "abuse, xâm hại",
    "sexual abuse, xâm hại tình dục",
    "hotline, tổng đài",
    "domestic violence, bạo lực gia đình",
    "school violence, bạo lực học đường",
    "violence, bạo lực, bạo hành",
    "drowning, đuối nước",
    "child marriage, tảo hôn",
    "injury prevention, phòng chống tai nạn thương tích",
    "school health, y tế trường học, sức khỏe học đường",
    "malnutrition, suy dinh dưỡng",
    "social work, công tác xã hội",
    "children, trẻ em",
    "child protection, bảo vệ trẻ em",
    "drugs, ma túy",
    "kindergarten, preschool, mầm non",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0005_query_log_hashes")]
    operations = [glossary_operation(GLOSSARY)]
