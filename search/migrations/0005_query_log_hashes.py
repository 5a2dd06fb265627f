from django.db import migrations, models


class Migration(migrations.Migration):
    """Queries are counted under a keyed hash; their text is kept only once enough
    visitors made them (a separate migration from the deletion, so that PostgreSQL
    alters the table in a transaction with no pending deletions)."""

    dependencies = [
        ("search", "0004_forget_plain_query_logs"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="querystat", name="unique_query_per_day"),
        migrations.AddField(
            model_name="querystat",
            name="query_hash",
            field=models.CharField(default="", max_length=32),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="querystat",
            name="query",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.AddConstraint(
            model_name="querystat",
            constraint=models.UniqueConstraint(
                fields=("query_hash", "day"), name="unique_query_hash_per_day"
            ),
        ),
    ]
